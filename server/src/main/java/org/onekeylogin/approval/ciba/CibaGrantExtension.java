package org.onekeylogin.approval.ciba;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.onekeylogin.approval.PhoneApproval;
import org.onekeylogin.token.TokenGrantExtension;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.stereotype.Component;

/**
 * Adds the CIBA grant to the token endpoint and advertises CIBA in the discovery
 * document.
 */
@Component
class CibaGrantExtension implements TokenGrantExtension {

    private final PhoneApproval approval;

    CibaGrantExtension(PhoneApproval approval) {
        this.approval = approval;
    }

    @Override
    public AuthenticationConverter converter() {
        return new CibaGrantAuthenticationConverter();
    }

    @Override
    public AuthenticationProvider provider() {
        return new CibaGrantAuthenticationProvider(approval);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void describe(Map<String, Object> discovery, String issuer) {
        discovery.put("backchannel_authentication_endpoint", issuer + CibaGrant.ENDPOINT);
        discovery.put("backchannel_token_delivery_modes_supported", List.of("poll", "ping"));
        discovery.put("backchannel_user_code_parameter_supported", false);
        var grants = new ArrayList<String>((List<String>) discovery.getOrDefault("grant_types_supported", List.of()));
        if (!grants.contains(CibaGrant.GRANT_TYPE.getValue())) {
            grants.add(CibaGrant.GRANT_TYPE.getValue());
        }
        discovery.put("grant_types_supported", grants);
    }

}
