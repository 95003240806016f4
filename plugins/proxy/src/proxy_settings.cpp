#include "proxy_settings.hpp"

namespace pico::proxy {

lt_proxy_type proxy_type_for(proxy_config const& config)
{
    bool const credentials = !config.username.empty();
    switch (config.type) {
    case proxy_kind::socks4:
        return lt_proxy_type::socks4;
    case proxy_kind::socks5:
        return credentials ? lt_proxy_type::socks5_pw : lt_proxy_type::socks5;
    case proxy_kind::http:
        return credentials ? lt_proxy_type::http_pw : lt_proxy_type::http;
    case proxy_kind::none:
        break;
    }
    return lt_proxy_type::none;
}

std::map<std::string, sdk::setting_value> const& forced_settings()
{
    // libtorrent 2.0 dropped force_proxy, so each way around the proxy is closed by name:
    // - listen_interfaces "": no listen socket, so no incoming connections (libtorrent opens
    //   only the socket that talks to the proxy, and none at all if the proxy is removed);
    // - DHT, LSD, UPnP, NAT-PMP send UDP/multicast straight to the network;
    // - uTP is UDP, which a TCP proxy cannot carry;
    // - every connection kind goes through the proxy, names are resolved by the proxy.
    static std::map<std::string, sdk::setting_value> const forced = {
        {"listen_interfaces", std::string()},
        {"enable_dht", false},
        {"enable_lsd", false},
        {"enable_upnp", false},
        {"enable_natpmp", false},
        {"enable_outgoing_utp", false},
        {"enable_incoming_utp", false},
        {"proxy_hostnames", true},
        {"proxy_peer_connections", true},
        {"proxy_tracker_connections", true},
    };
    return forced;
}

std::map<std::string, sdk::setting_value> make_settings(proxy_config const& config)
{
    std::map<std::string, sdk::setting_value> s;
    s["proxy_type"] = static_cast<std::int64_t>(proxy_type_for(config));
    if (config.anonymous_mode)
        s["anonymous_mode"] = *config.anonymous_mode;
    if (config.type == proxy_kind::none)
        return s;
    s["proxy_hostname"] = config.hostname;
    s["proxy_port"] = std::int64_t(config.port);
    s["proxy_username"] = config.username;
    s["proxy_password"] = config.password;
    s["proxy_hostnames"] = config.proxy_hostnames;
    s["proxy_peer_connections"] = config.proxy_peer_connections;
    s["proxy_tracker_connections"] = config.proxy_tracker_connections;
    if (config.force) {
        for (auto const& [name, value] : forced_settings())
            s[name] = value;
    }
    return s;
}

} // namespace pico::proxy
