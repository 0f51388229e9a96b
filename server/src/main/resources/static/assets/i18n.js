/*
 * The pages' languages: English and Simplified Chinese. The English texts are the keys (what the pages say in
 * English stays exactly as written in them); the Chinese dictionary gives each its translation, with {name} for
 * what the page fills in. The language is the one the person picked with the switch (kept in this browser), else
 * the first of English or Chinese in the browser's languages (every Chinese variant gets Simplified Chinese), else
 * English. Static texts are marked with data-i18n (the element's text, or each of its own text nodes when it holds
 * other elements) and data-i18n-attr (attribute names, e.g. "aria-label alt"). Loaded before onekey.js.
 */
const OneKeyLanguage = (() => {
  const STORE = 'onekey.language';

  const zh = {
    // shared (onekey.js)
    'No Wi-Fi': '无 Wi-Fi',
    "Can't reach OneKey. Check the connection.": '无法连接 OneKey，请检查网络连接。',
    'Not signed in.': '未登录。',
    'this account': '这个账号',
    'phone': '手机', 'tablet': '平板', 'laptop': '笔记本电脑', 'PC': '电脑', 'TV': '电视',
    'set-top box': '机顶盒', 'set top box': '机顶盒', 'projector': '投影仪', 'kiosk': '自助终端',
    'today at {time}': '今天 {time}',
    'tomorrow at {time}': '明天 {time}',
    'Same Wi-Fi as this phone': '与这部手机在同一个 Wi-Fi',
    'Home Wi-Fi': '家里的 Wi-Fi',
    'Office Wi-Fi': '办公室的 Wi-Fi',
    'An unknown network': '未知网络',
    'This computer ({address})': '这台电脑（{address}）',
    'Another network, {address}': '另一个网络，{address}',
    'Language': '语言',
    'Network': '网络',
    ' Try again {when}.': ' 请{when}再试。',
    'That did not work.': '没有成功。',
    'That did not work. Try again.': '没有成功，请再试一次。',
    'Could not sign in.': '无法登录。',
    'Back': '返回',
    'Sign in': '登录',
    'Sign out': '退出登录',
    'Password': '密码',
    'QR code': '二维码',
    'Phone number': '手机号码',
    'Send code': '发送验证码',
    'Code from the text message': '短信验证码',
    'Account name or phone number': '账号名或手机号码',
    'Check your phone': '请查看手机',
    'Waiting for your phone…': '正在等待您的手机…',
    'Other ways to sign in': '其他登录方式',
    'Scan with your phone': '用手机扫码',
    'No code could be made. Try again.': '无法生成代码，请再试一次。',
    'No code could be sent.': '无法发送验证码。',
    'That code did not work.': '这个验证码不对。',
    'If {number} has an account, a 6-digit code is on its way.': '如果 {number} 有账号，6 位验证码正在发送中。',
    'The sign-in could not be completed.': '无法完成登录。',
    'The phone said no. Nobody was signed in.': '手机拒绝了，没有人登录。',
    "That wasn't me": '不是我',

    // the TV
    'OneKey — Living-room TV': 'OneKey — 客厅电视',
    'OneKey TV': 'OneKey 电视',
    "Who's watching?": '谁在看？',
    'Get a code by text': '短信获取验证码',
    'Type this code on the phone to let the TV in.': '在手机上输入这个代码，让电视登录。',
    'Waiting for the phone…': '正在等待手机…',
    'Ask again': '再问一次',
    'QR code to sign in this TV': '用于登录这台电视的二维码',
    'Scan to sign in': '扫码登录',
    'Scan the code with the camera of a phone that is signed in to OneKey, or open':
      '用已登录 OneKey 的手机相机扫描二维码，或在手机上打开',
    'on the phone and type': '并输入',
    'New code': '换个新代码',
    'Sign in with your phone number': '用手机号码登录',
    'Number pad': '数字键盘',
    'Delete': '删除',
    'Clear': '清除',
    'Continue watching': '继续观看',
    'Ocean Nights': '海洋之夜', 'The Long Glacier': '漫长冰川', 'Kitchen Stories': '厨房故事',
    'Match Day Live': '比赛日直播',
    'Sign out of this TV': '退出这台电视',
    '◀ ▲ ▼ ▶ move · Enter selects · Esc goes back': '◀ ▲ ▼ ▶ 移动 · Enter 选择 · Esc 返回',
    'Signed in on this TV before': '以前在这台电视上登录过',
    'Lives on this Wi-Fi': '住在这个 Wi-Fi 下',
    'No accounts to suggest. Scan the QR code or use your phone number.': '没有可推荐的账号。请扫描二维码或使用手机号码。',
    'Signing in as {name}: their phone is home.': '正在以 {name} 登录：TA 的手机在家。',
    "Signed in through your home network. {name}'s phone has been told.": '已通过家庭网络登录，已通知 {name} 的手机。',
    "{name}'s phone": '{name} 的手机',
    'Check {whose}': '请查看{whose}',
    '{whose} was asked. Type {code} on it to let this TV in.': '已向{whose}发出请求。在上面输入 {code}，让这台电视登录。',
    'Waiting for {whose}…': '正在等待{whose}…',
    'The code works for {left}': '代码有效时间还剩 {left}',
    'The sign-in could not be checked.': '无法查询登录状态。',
    '{whose} said it was not them. Nobody was signed in.': '{whose}表示不是本人操作，没有人登录。',
    '{whose} said no. Nobody was signed in.': '{whose}拒绝了，没有人登录。',
    'Nobody answered on {whose} in time.': '{whose}没有及时回应。',
    'The code typed on {whose} was not this one.': '在{whose}上输入的代码不是这一个。',
    'This request was given up.': '这次请求已取消。',
    'Pick the account again.': '请重新选择账号。',
    ' · a new one comes by itself': ' · 到时会自动换新代码',
    'This code ran out. Get a new one.': '这个代码已过期，请换个新代码。',
    'This code no longer works. Get a new code.': '这个代码已失效，请换个新代码。',
    'Type the code from the text message': '输入短信中的验证码',
    '6 digits': '6 位数字',
    'Move with the arrows and press OK on each digit (or use the number keys), then Send code.':
      '用方向键移动，在每个数字上按 OK（或直接按数字键），然后按“发送验证码”。',
    'Signed in by your home network': '通过家庭网络登录',
    'Signed in with a password': '用密码登录',
    'Approved on your phone': '已在手机上确认',
    'Signed in with a text code': '用短信验证码登录',
    'Signed in again on this TV': '在这台电视上再次登录',
    'Signed in': '已登录',
    'Welcome, {name}': '欢迎，{name}',
    '{device} signed this TV out.': '{device} 让这台电视退出了登录。',
    'This TV was signed out.': '这台电视已退出登录。',
    'Signed out.': '已退出登录。',
    'People who live here are shown. Pick yourself with the remote.': '这里显示住在这里的人。用遥控器选择您自己。',
    'This looks like an office network, so no accounts are suggested here.': '这看起来是办公网络，因此这里不推荐账号。',
    'This is a public network, so no accounts are suggested here.': '这是公共网络，因此这里不推荐账号。',
    'This network is not known well enough yet to suggest accounts.': '对这个网络了解还不够，暂时无法推荐账号。',
    'Connect the TV to Wi-Fi to see the people who live here.': '把电视连上 Wi-Fi，就能看到住在这里的人。',
    'Nobody else who lives here can be suggested right now.': '现在无法推荐其他住在这里的人。',
    'This looks like an office network, so only who signed in on this TV before is shown.':
      '这看起来是办公网络，因此只显示以前在这台电视上登录过的人。',
    'This is a public network, so only who signed in on this TV before is shown.':
      '这是公共网络，因此只显示以前在这台电视上登录过的人。',
    'This network is not known well enough yet, so only who signed in on this TV before is shown.':
      '对这个网络了解还不够，因此只显示以前在这台电视上登录过的人。',
    'Without Wi-Fi, only who signed in on this TV before is shown.': '没有 Wi-Fi 时，只显示以前在这台电视上登录过的人。',
    'home network': '家庭网络', 'office network': '办公网络', 'public network': '公共网络',
    'unknown network': '未知网络', 'no Wi-Fi': '无 Wi-Fi',
    'The sign-in options could not be loaded.': '无法加载登录选项。',

    // the PC
    'OneKey — PC sign-in': 'OneKey — 电脑登录',
    'OneKey for PC': 'OneKey 电脑版',
    'Sign in with your phone': '用手机登录',
    'No password: your phone shows the request, you type the code from this screen, done.':
      '无需密码：手机上会显示请求，输入这个屏幕上的代码，就完成了。',
    'Send to my phone': '发送到我的手机',
    'Text code': '短信验证码',
    'How it works': '使用方法',
    'Type your account and press the button.': '输入您的账号并按下按钮。',
    'Your phone asks whether it is you.': '手机会问是不是您本人。',
    'Type the code shown here on the phone.': '在手机上输入这里显示的代码。',
    'Cancel': '取消',
    'Sign in with your password': '用密码登录',
    'Sign in as': '登录账号',
    'Scan this with the camera of a phone signed in to OneKey, or open': '用已登录 OneKey 的手机相机扫描，或在手机上打开',
    'on it and type the code.': '并输入代码。',
    'QR code to sign in this PC': '用于登录这台电脑的二维码',
    'Code': '代码',
    'Sign in with a text code': '用短信验证码登录',
    'No phone can approve for this account: sign in on the OneKey phone app first, or use one of the other ways below.':
      '没有手机可以为这个账号确认登录：请先在 OneKey 手机应用上登录，或使用下面的其他方式。',
    'The request could not be sent.': '无法发送请求。',
    'Open OneKey on your phone and type {code} to sign in to this PC.': '在手机上打开 OneKey，输入 {code} 以登录这台电脑。',
    'Waiting for your phone… it runs out {when}': '正在等待您的手机…{when}过期',
    'Not signed in': '未登录',
    'Your phone said it was not you. This PC cannot ask again for a while.': '您的手机表示不是您本人操作。这台电脑暂时不能再次请求。',
    'Your phone declined the request.': '您的手机拒绝了请求。',
    'Nobody answered in time.': '没有人及时回应。',
    'The code typed on the phone was not the one shown here.': '手机上输入的代码与这里显示的不一致。',
    'Try again': '再试一次',
    'Signed in as {name}': '已登录为 {name}',
    'This PC is now in your signed-in devices.': '这台电脑已加入您的已登录设备。',
    '{device} signed this PC out.': '{device} 让这台电脑退出了登录。',
    'This PC was signed out.': '这台电脑已退出登录。',
    'Works until {when}': '{when}过期',
    'This code ran out. Go back and get a new one.': '这个代码已过期，请返回获取新代码。',

    // the phone
    'OneKey — phone': 'OneKey — 手机',
    'Your phone is your key': '您的手机就是您的钥匙',
    'Sign in once here. Then the TV and the PC only need a yes from this phone.': '在这里登录一次。之后电视和电脑只需这部手机同意即可。',
    'Demo household': '演示家庭',
    '. Tap a name to fill it in.': '。点一个名字即可填入。',
    'Nothing yet. When a TV or PC asks to use your account, you decide here.': '暂时没有动态。当电视或电脑请求使用您的账号时，由您在这里决定。',
    'Sign in a TV with its code': '用电视上的代码登录电视',
    'Type the code under the QR code on the TV.': '输入电视上二维码下方的代码。',
    'Code shown on the TV': '电视上显示的代码',
    'Continue': '继续',
    'Signed-in devices': '已登录的设备',
    'Suggest me on my home Wi-Fi': '在家里的 Wi-Fi 上推荐我',
    'A new TV at home may show my account so I can sign in with one key press.': '家里的新电视可以显示我的账号，让我按一下就能登录。',
    'Sign in automatically': '自动登录',
    'When my phone is home and I am the only suggestion, the TV signs in by itself.': '当我的手机在家且只推荐我一个人时，电视会自动登录。',
    'How the TV at home shows me': '家里的电视如何显示我',
    'Anyone on your home Wi-Fi can see this name on the TV. Leave it empty to stay masked.':
      '连接您家 Wi-Fi 的任何人都能在电视上看到这个名字。留空则保持隐藏。',
    'Nickname': '昵称',
    'e.g. Dad': '例如：爸爸',
    'Avatar colour': '头像颜色',
    'coral': '珊瑚色', 'teal': '青色', 'amber': '琥珀色', 'violet': '紫罗兰色', 'blue': '蓝色', 'rose': '玫瑰色',
    'green': '绿色', 'orange': '橙色',
    'Save': '保存',
    'Sign out of this phone': '退出这部手机',
    'Sections': '栏目',
    'Activity': '动态', 'Devices': '设备', 'Settings': '设置',
    'Code shown on the other screen': '另一块屏幕上显示的代码',
    'Approve': '确认登录',
    'That was a mistake': '是我误操作',
    'My phone': '我的手机',
    'This phone is signed out.': '这部手机已退出登录。',
    'The request ran out.': '请求已过期。',
    'The device that asked cancelled it.': '发出请求的设备已取消。',
    'Answered on another device.': '已在另一台设备上回应。',
    'This phone was signed out.': '这部手机已被退出登录。',
    '{device} wants to sign in': '{device} 想要登录',
    'Review': '查看',
    'Sign in on {device}?': '在 {device} 上登录？',
    "{name}'s account — you approve for it.": '{name} 的账号——由您为其确认。',
    'Your account, {name}.': '您的账号：{name}。',
    'Device': '设备', 'System': '系统', 'Asked at': '请求时间', 'Where': '位置', 'Message': '消息',
    'Type the {length}-digit code shown on {device}': '输入 {device} 上显示的 {length} 位代码',
    'Runs out {when}': '{when}过期',
    'Ran out': '已过期',
    'Approved. It is signing in now.': '已确认，正在登录。',
    'Declined.': '已拒绝。',
    'Blocked. That device cannot ask again for a day.': '已拦截。那台设备一天内不能再次请求。',
    'Signed in on {device}': '已在 {device} 上登录',
    'Through your home network · ': '通过您的家庭网络 · ',
    'Sign it out': '让它退出',
    'It was me': '是我',
    'Your account was signed in on {device}.': '您的账号已在 {device} 上登录。',
    'Signed out · not suggested there again': '已退出 · 那里不再推荐',
    'Signed out': '已退出登录',
    '{device} is signed out.': '{device} 已退出登录。',
    'password': '密码', 'approved on a phone': '在手机上确认', 'text code': '短信验证码',
    'signed in again': '再次登录',
    'This phone': '这部手机',
    '{method} · since {time}': '{method} · 自 {time} 起',
    'That code is not valid.': '这个代码无效。',
    'Sign in {device}?': '登录 {device}？',
    'Address': '地址',
    'unknown': '未知',
    'Sign it in to my account': '用我的账号登录它',
    "No, that isn't mine": '不，那不是我的',
    'Done. The TV is signing in.': '好了，电视正在登录。',
    'The TV was told no.': '已拒绝电视的登录。',
    'Could not save.': '无法保存。',

    // the start page
    'OneKey Login — try it': 'OneKey Login — 试一试',
    'Sign in on the TV or the PC with one key press.': '在电视或电脑上，按一下就能登录。',
    'The phone that is already signed in approves the request, or the TV offers the people who live on the same home Wi-Fi. Open the three devices below in separate windows (or on separate machines), sign in on the phone once, and every other screen needs only a yes from it.':
      '已登录的手机确认请求，或者电视直接推荐连在同一个家庭 Wi-Fi 上的家人。在不同的窗口（或不同的电脑）中打开下面三台设备，在手机上登录一次，其他屏幕就只需手机同意即可。',
    'Living-room TV': '客厅电视',
    'A 10-foot screen: arrow keys and Enter are the remote.': '远距离观看的大屏幕：方向键和 Enter 就是遥控器。',
    'Phone app': '手机应用',
    'Approves sign-ins, shows where you are signed in, signs devices out.': '确认登录，显示您在哪里登录了，让设备退出登录。',
    'Type the account, see a code, approve it on the phone.': '输入账号，看到代码，在手机上确认。',
    'Try it': '试一试',
    'Start the service with': '启动服务时加上',
    'to meet the Liu family.': '，就能认识刘家一家人。',
    'The demo household is here: Dad (VIP), Mum, the kid (Mum approves for them) and Grandma.':
      '演示家庭已就绪：爸爸（VIP）、妈妈、孩子（由妈妈替孩子确认）和奶奶。',
    'Open the': '打开',
    ': it is on the Liu family\'s Home Wi-Fi and suggests Dad and Mum. Pick Dad with the arrow keys and Enter.':
      '：它连着刘家的家庭 Wi-Fi，会推荐爸爸和妈妈。用方向键和 Enter 选择爸爸。',
    'and sign in as': '，登录账号',
    '(password': '（密码',
    '): the feed says the TV signed in; "Sign it out" sends the TV back to its sign-in screen.':
      '）：动态里会显示电视已登录；点“让它退出”会让电视回到登录界面。',
    'On the': '在',
    ', type': '上输入',
    ': the phone asks, you type the code shown on the PC, and the PC is signed in.': '：手机会询问，您输入电脑上显示的代码，电脑就登录了。',
    'Switch the TV to Office Wi-Fi: an office network never suggests accounts, only the QR code and the phone number.':
      '把电视切换到办公 Wi-Fi：办公网络从不推荐账号，只提供二维码和手机号码登录。',

    // the hosted sign-in page
    'Sign in with OneKey': '用 OneKey 登录',
    'to continue to the app that sent you here': '以继续使用带您来这里的应用',
    'Phone': '手机',
    'Text message': '短信',
    'Scan it with the OneKey app on your phone, or open': '用手机上的 OneKey 应用扫描，或在手机上打开',
    'there and type': '并输入',
    'QR code to sign in with your phone': '用手机登录的二维码',
    'Text me a code': '给我发验证码',
    'OneKey signs you in for this app only: another app asks you again.': 'OneKey 只为这个应用登录您：其他应用会再次询问您。',
    ' Try again in {seconds} s.': ' 请在 {seconds} 秒后再试。',
    'You were signed in, but this browser could not be. Try again.': '您已登录，但这个浏览器未能登录。请再试一次。',
    'Taking you back to the app…': '正在带您回到应用…',
    'No phone can approve for this account: sign in on the OneKey phone app first, or use another way.':
      '没有手机可以为这个账号确认登录：请先在 OneKey 手机应用上登录，或使用其他方式。',
    'Open OneKey on your phone and type {code} to sign in.': '在手机上打开 OneKey，输入 {code} 即可登录。',
    'Waiting for your phone… {seconds} s left': '正在等待您的手机…还剩 {seconds} 秒',
    'Your phone said it was not you.': '您的手机表示不是您本人操作。',
    'Nobody answered in time. Ask again.': '没有人及时回应，请再问一次。',
    'The code typed on the phone was not the one shown here. Ask again.': '手机上输入的代码与这里显示的不一致，请再问一次。',
    'This code no longer works.': '这个代码已失效。',
    'The account name or the password is not right.': '账号名或密码不正确。',
    'No code could be sent to that number.': '无法向这个号码发送验证码。',
    'That code is not right.': '这个验证码不正确。',
    'Open this page from the app you want to sign in to.': '请从您要登录的应用打开这个页面。',

    // the page of the QR code's link
    'OneKey — sign in a TV': 'OneKey — 登录电视',
    'Sign in a TV': '登录电视',
    'A TV (or another screen) showed you this code because it wants to use your OneKey account. Here you say yes or no for it: nothing is signed in until you do.':
      '电视（或其他屏幕）向您显示这个代码，是因为它想使用您的 OneKey 账号。您在这里同意或拒绝：在您同意之前，什么都不会登录。',
    'Check the code below is the one on the TV screen.': '请核对下面的代码与电视屏幕上的一致。',
    'Open in the OneKey app': '在 OneKey 应用中打开',
    'This browser is not signed in to OneKey. The OneKey app opens by itself when it is installed; without it, sign in here once, with the account the TV should use.':
      '这个浏览器没有登录 OneKey。安装了 OneKey 应用时它会自动打开；没有应用时，请在这里用电视要使用的账号登录一次。',
    'Type': '类型',
    'From': '来自',
    'Type the code shown on the TV.': '输入电视上显示的代码。',
    'Done. The TV is signing in now.': '好了，电视正在登录。',
    'Something went wrong.': '出了点问题。',
    'Saved.': '已保存。',
  };

  /** One dictionary per language; English needs none, its texts are the keys. */
  const texts = { en: {}, zh };

  function fromBrowser() {
    for (const tag of navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]) {
      if (/^zh\b/i.test(tag || '')) return 'zh';
      if (/^en\b/i.test(tag || '')) return 'en';
    }
    return 'en';
  }

  const kept = localStorage.getItem(STORE);
  const language = kept === 'en' || kept === 'zh' ? kept : fromBrowser();

  /** The BCP 47 tag of the language: for <html lang>, Accept-Language and Intl. */
  const tag = language === 'zh' ? 'zh-CN' : 'en';

  /** The locale of times and numbers: Simplified Chinese, or the browser's own English. */
  const locale = language === 'zh' ? 'zh-CN'
    : ((navigator.languages || []).find(l => /^en\b/i.test(l)) || 'en');

  /** The text in the chosen language, with {name} filled in from params. */
  function t(key, params) {
    const text = texts[language][key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (all, name) => name in params ? String(params[name]) : all) : text;
  }

  const words = text => text.replace(/\s+/g, ' ').trim();

  /** Puts the static texts of the page (and its title and lang) into the chosen language. */
  function apply(root = document) {
    document.documentElement.lang = tag;
    if (language === 'en') return;
    for (const node of root.querySelectorAll('[data-i18n]')) {
      if (node.children.length === 0) {
        node.textContent = t(words(node.textContent));
        continue;
      }
      for (const child of node.childNodes) {
        if (child.nodeType !== Node.TEXT_NODE || !child.textContent.trim()) continue;
        const [, before, , after] = child.textContent.match(/^(\s*)([\s\S]*?)(\s*)$/);
        child.textContent = before + t(words(child.textContent)) + after;
      }
    }
    for (const node of root.querySelectorAll('[data-i18n-attr]')) {
      for (const name of node.dataset.i18nAttr.split(/\s+/).filter(Boolean)) {
        if (node.hasAttribute(name)) node.setAttribute(name, t(words(node.getAttribute(name))));
      }
    }
  }

  /** Keeps the person's choice in this browser and shows the page again in it. */
  function choose(chosen) {
    if (chosen === language) return;
    localStorage.setItem(STORE, chosen);
    location.reload();
  }

  /** The "English / 中文" switch, in every element marked data-language-switch. */
  function switches() {
    for (const place of document.querySelectorAll('[data-language-switch]')) {
      const option = (code, lang, name) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.lang = lang;
        button.textContent = name;
        button.dataset.language = code;
        button.setAttribute('aria-pressed', String(code === language));
        button.addEventListener('click', () => choose(code));
        return button;
      };
      const group = document.createElement('div');
      group.className = 'language';
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', t('Language'));
      const slash = document.createElement('span');
      slash.setAttribute('aria-hidden', 'true');
      slash.textContent = '/';
      group.append(option('en', 'en', 'English'), slash, option('zh', 'zh-CN', '中文'));
      place.replaceChildren(group);
    }
  }

  apply();
  switches();

  return { texts, language, tag, locale, t, apply, choose };
})();
