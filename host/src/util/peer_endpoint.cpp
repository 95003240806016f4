#include "util/peer_endpoint.hpp"

#include "util/printable.hpp"

#include <charconv>

namespace pico::util {

std::optional<boost::asio::ip::tcp::endpoint> parse_peer_endpoint(std::string_view text)
{
    auto const colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0)
        return std::nullopt;
    std::string_view host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (host == "localhost")
        host = "127.0.0.1";
    boost::system::error_code ec;
    auto const address = boost::asio::ip::make_address(std::string(host), ec);
    if (ec)
        return std::nullopt;
    auto const port_text = text.substr(colon + 1);
    unsigned port = 0;
    auto const [end, err] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || err != std::errc() || end != port_text.data() + port_text.size() || port < 1 ||
        port > 65535)
        return std::nullopt;
    return boost::asio::ip::tcp::endpoint(address, static_cast<unsigned short>(port));
}

std::string peer_endpoint_error(std::string_view text)
{
    return "invalid peer '" + printable(text, 100) +
           "': expected IP:PORT, e.g. 127.0.0.1:6881, [::1]:6881 or localhost:6881";
}

} // namespace pico::util
