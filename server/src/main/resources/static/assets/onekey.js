/*
 * What every demo device page shares: a device identity kept in the browser, the Wi-Fi the device is on (picked by
 * the person, reported as a real app reads it from the system), calls to the OneKey API, the device's session and
 * tokens, its push channel and its network heartbeat. The page says which device it is with <body data-device>.
 * Its texts, times and API calls are in the page's language (i18n.js, loaded first).
 */
const OneKey = (() => {
  const { t, tag, locale } = OneKeyLanguage;
  const kind = document.body.dataset.device;
  const key = name => `onekey.${kind}.${name}`;
  const NO_WIFI = 'No Wi-Fi';
  let networks = [];
  let demo = { enabled: false, household: [] };

  function randomId() {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  function deviceId() {
    let id = localStorage.getItem(key('device'));
    if (!id) {
      id = `${kind}-${randomId()}`;
      localStorage.setItem(key('device'), id);
    }
    return id;
  }

  function describeDevice(type, name) {
    const agent = navigator.userAgent;
    const os = /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS' : /Windows/.test(agent) ? 'Windows'
      : /Mac OS/.test(agent) ? 'macOS' : /Linux/.test(agent) ? 'Linux' : 'Web';
    return { id: deviceId(), type, name, model: 'OneKey demo (browser)', os, app_version: '1.0.0' };
  }

  /* ---------- the Wi-Fi the device is on ---------- */

  function networkName() {
    return localStorage.getItem(key('network')) || 'Home Wi-Fi';
  }

  function network() {
    const chosen = networks.find(n => n.name === networkName());
    if (!chosen) return null;
    const report = { security: chosen.security };
    if (chosen.ssid) report.ssid = chosen.ssid;
    if (chosen.bssid) report.bssid = chosen.bssid;
    if (chosen.gateway_mac) report.gateway_mac = chosen.gateway_mac;
    return report;
  }

  /** Fills a <select> with the networks and calls onChange when the person moves the device. */
  function bindNetworkPicker(select, onChange) {
    select.innerHTML = '';
    for (const name of [...networks.map(n => n.name), NO_WIFI]) {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = t(name); // the demo's networks are named in the page's language; the value stays
      select.append(option);
    }
    select.value = networks.some(n => n.name === networkName()) ? networkName() : NO_WIFI;
    select.addEventListener('change', () => {
      localStorage.setItem(key('network'), select.value);
      onChange && onChange(network());
    });
  }

  /* ---------- the session kept by this device ---------- */

  function session() {
    try { return JSON.parse(localStorage.getItem(key('session'))); } catch { return null; }
  }

  function claims(jwt) {
    try {
      return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    } catch { return {}; }
  }

  /** Keeps the tokens of a sign-in (the API's sign-in body, or a token-endpoint answer). */
  function keep(tokens, extra) {
    const c = claims(tokens.access_token);
    const kept = { ...(session() || {}), ...extra, access_token: tokens.access_token,
      refresh_token: tokens.refresh_token, session_id: c.sid, amr: c.amr || [] };
    localStorage.setItem(key('session'), JSON.stringify(kept));
    return kept;
  }

  function forget() {
    localStorage.removeItem(key('session'));
    stopStream();
    stopHeartbeat();
  }

  /* ---------- calls ---------- */

  /**
   * What a call answers when it never reached the service: fetch rejects with a TypeError when the service is down,
   * refuses the connection or the device is offline, which is not an error of the service (those keep its message).
   */
  const UNREACHABLE = "Can't reach OneKey. Check the connection.";
  const unreachable = () => ({ status: 0, data: { code: 'unreachable', error: 'unreachable', message: t(UNREACHABLE) } });

  /** fetch, with a failure at the network level answered as unreachable() and anything else thrown on. */
  async function send(path, init, read) {
    try {
      const response = await fetch(path, init);
      return { status: response.status, headers: response.headers, body: await read(response) };
    } catch (error) {
      if (error instanceof TypeError) return null;
      throw error;
    }
  }

  async function call(method, path, body, token) {
    const headers = { Accept: 'application/json', 'Accept-Language': tag };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const r = await send(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) },
      response => response.text());
    if (!r) return unreachable();
    let data = {};
    try { data = r.body ? JSON.parse(r.body) : {}; } catch { data = { message: r.body }; }
    return { status: r.status, data, headers: r.headers };
  }

  /** An anonymous API call. */
  const api = (method, path, body) => call(method, path, body, null);

  /** A call with this device's access token; renews the token once when it has run out. */
  async function authed(method, path, body) {
    const s = session();
    if (!s) return { status: 401, data: { code: 'authentication_required', message: t('Not signed in.') } };
    let r = await call(method, path, body, s.access_token);
    if (r.status === 401 && await refresh()) {
      r = await call(method, path, body, session().access_token);
    }
    return r;
  }

  /** A form-encoded POST to one of the standard OAuth 2.0 endpoints. */
  async function form(path, fields) {
    const r = await send(path, { method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'Accept-Language': tag },
      body: new URLSearchParams({ client_id: 'onekey-device', ...fields }) }, response => response.json().catch(() => ({})));
    return r ? { status: r.status, data: r.body } : unreachable();
  }

  /** The standard OAuth 2.0 token endpoint (form-encoded). */
  const tokenEndpoint = fields => form('/oauth2/token', fields);

  /** Asks for a device code and the user code to show (RFC 8628), for this device. */
  function deviceAuthorization(scope, d) {
    return form('/oauth2/device_authorization', { scope, device_id: d.id, device_type: d.type, device_name: d.name,
      device_os: d.os });
  }

  const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

  /**
   * One poll of a device code: where it stands, asked at the service's status endpoint (which answers 200 while it
   * waits, so a waiting screen fills no console with failed requests); the tokens come from the token endpoint once
   * the code is approved. Answers { state }: pending, signed_in (with tokens), denied, expired, slow_down, unreachable
   * or failed (with the message to show).
   */
  async function pollDeviceCode(deviceCode) {
    const r = await api('POST', '/api/v1/device-codes/status', { device_code: deviceCode });
    if (r.status === 0) return { state: 'unreachable', message: r.data.message };
    if (r.status === 429) return { state: 'slow_down' };
    if (r.status !== 200) return { state: 'failed', message: r.data.message };
    if (r.data.status !== 'approved') {
      return { state: r.data.status === 'consumed' ? 'failed' : r.data.status };
    }
    const tokens = await tokenEndpoint({ grant_type: DEVICE_GRANT, device_code: deviceCode });
    if (tokens.status === 200) return { state: 'signed_in', tokens: tokens.data };
    if (tokens.status === 0) return { state: 'unreachable', message: tokens.data.message };
    return { state: { access_denied: 'denied', expired_token: 'expired' }[tokens.data.error] || 'failed' };
  }

  /** Renews the access token with the refresh token (which rotates). False when the session is over. */
  async function refresh(refreshToken) {
    const s = session();
    const token = refreshToken || (s && s.refresh_token);
    if (!token) return false;
    const r = await tokenEndpoint({ grant_type: 'refresh_token', refresh_token: token });
    if (r.status !== 200) {
      // out of reach is not the end of the session: it is renewed once the service answers again
      if (!refreshToken && r.status !== 0) forget();
      return false;
    }
    keep(r.data);
    return true;
  }

  /* ---------- push channel ---------- */

  let source = null;
  let lastEventId = 0;
  let handlers = {};
  let reopenTimer = null;

  /** Opens the device's event stream; handlers maps event types to functions of (data). */
  function stream(eventHandlers) {
    handlers = eventHandlers;
    stopStream();
    const s = session();
    if (!s) return;
    source = new EventSource(`/api/v1/push/stream?access_token=${encodeURIComponent(s.access_token)}`);
    for (const type of Object.keys(handlers)) {
      source.addEventListener(type, event => {
        const id = Number(event.lastEventId || 0);
        if (id && id <= lastEventId) return; // replayed after a reconnect: already handled
        lastEventId = Math.max(lastEventId, id);
        handlers[type](JSON.parse(event.data));
      });
    }
    source.onerror = () => {
      if (source && source.readyState === EventSource.CLOSED) {
        // the token ran out or the service restarted: renew and open again
        reopenTimer = setTimeout(async () => { if (session() && await refresh()) stream(handlers); }, 1500);
      }
    };
  }

  function stopStream() {
    clearTimeout(reopenTimer);
    if (source) { source.close(); source = null; }
  }

  /* ---------- network heartbeat ---------- */

  let heartbeatTimer = null;

  /** Tells the service, every minute while signed in, which Wi-Fi this device is on. */
  function heartbeat() {
    stopHeartbeat();
    const beat = () => { const n = network(); if (n && session()) authed('POST', '/api/v1/network/report', { network: n }); };
    beat();
    heartbeatTimer = setInterval(beat, 60_000);
  }

  function stopHeartbeat() { clearInterval(heartbeatTimer); }

  /* ---------- small helpers for pages ---------- */

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'class') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (value !== false && value !== undefined && value !== null) node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    return node;
  }

  /** The service's avatar palette (GET /api/v1/account's avatar_color names one), in the pages' shades. */
  const palette = { coral: '#e76f51', teal: '#2a9d8f', amber: '#c9a227', violet: '#8e7dbe', blue: '#4d96ff',
    rose: '#e5707e', green: '#43aa8b', orange: '#f4a261' };
  const colorNames = Object.keys(palette);

  /**
   * An avatar in the account's colour: `who` is an account as the API gives it (its avatar_color, the same on every
   * screen), or, for a name without an account yet, a string the colour is derived from.
   */
  function avatar(who, initial) {
    let color = who && typeof who === 'object' ? who.avatar_color : null;
    const name = typeof who === 'string' ? who : (who && (who.login_name || who.masked_name)) || '?';
    if (!palette[color]) {
      let h = 0;
      for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
      color = colorNames[h % colorNames.length];
    }
    return el('span', { class: 'avatar', style: `background:${palette[color]}`, 'aria-hidden': 'true',
      'data-color': color }, initial || name.charAt(0).toUpperCase());
  }

  /**
   * How an account is named on a shared screen: the nickname its owner chose when there is one, otherwise the
   * masked name the API gives ("d****").
   */
  function label(account) {
    return (account && (account.nickname || account.masked_name)) || t('this account');
  }

  function badge(tier) {
    return tier && tier !== 'free' ? el('span', { class: `badge ${tier}` }, tier.toUpperCase()) : null;
  }

  const deviceWords = { phone: 'phone', tablet: 'tablet', laptop: 'laptop', pc: 'PC', tv: 'TV',
    set_top_box: 'set-top box', projector: 'projector', kiosk: 'kiosk' };
  const deviceWord = type => (deviceWords[type] ? t(deviceWords[type]) : type);

  function time(iso) {
    return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  }

  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const clockTime = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const dayAndTime = new Intl.DateTimeFormat(locale, { weekday: 'long', hour: '2-digit', minute: '2-digit' });

  /**
   * A moment some seconds from now in words, as people say it: "in 45 seconds", "in 2 minutes", "today at 19:43",
   * "tomorrow at 19:43", "Friday 19:43" (in Chinese "2分钟后", "明天 19:43", "星期五 19:43"). The one helper for every wait the pages show (Retry-After, expiries).
   */
  function later(seconds) {
    const s = Math.max(0, Math.round(Number(seconds) || 0));
    if (s < 60) return relative.format(s, 'second');
    if (s < 3600) return relative.format(Math.round(s / 60), 'minute');
    const at = new Date(Date.now() + s * 1000);
    const days = Math.round((new Date(at).setHours(0, 0, 0, 0) - new Date().setHours(0, 0, 0, 0)) / 86_400_000);
    if (days === 0) return t('today at {time}', { time: clockTime.format(at) });
    if (days === 1) return t('tomorrow at {time}', { time: clockTime.format(at) });
    return dayAndTime.format(at);
  }

  /** The seconds until an ISO instant, for later(). */
  const secondsUntil = iso => (new Date(iso) - Date.now()) / 1000;

  /**
   * Where a request comes from, readable: "Same Wi-Fi as this phone", "Home Wi-Fi" (a home network of the account,
   * the API's from: home_network), or its address, with a loopback address named
   * as such (the service writes addresses in one form: IPv4-mapped as IPv4, IPv6 shortened).
   */
  function place(sameNetwork, address, from) {
    if (sameNetwork || from === 'same_network') return t('Same Wi-Fi as this phone');
    if (from === 'home_network') return t('Home Wi-Fi');
    if (!address) return t('An unknown network');
    if (/^127\./.test(address) || address === '::1') return t('This computer ({address})', { address });
    return t('Another network, {address}', { address });
  }

  /**
   * Loads what the pages need to know (the networks of the picker, whether the demo household is there), once;
   * anything that reports the network awaits it first.
   */
  let loading = null;
  function start() {
    loading = loading || api('GET', '/api/v1/demo').then(r => {
      if (r.status === 200) {
        networks = r.data.networks || [];
        demo = r.data;
      }
      return demo;
    });
    return loading;
  }

  return { t, texts: OneKeyLanguage.texts, language: OneKeyLanguage.language, locale, kind, deviceId, describeDevice, network, networkName, bindNetworkPicker, session, claims, keep, forget,
    api, authed, tokenEndpoint, deviceAuthorization, pollDeviceCode, refresh, stream, stopStream, heartbeat, stopHeartbeat, el, avatar, label, badge,
    deviceWord, time, later, secondsUntil, place, palette, start };
})();
