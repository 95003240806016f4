#include "app/remote/ws_client_kinds.hpp"
#include "app/remote/ws_client_stream.hpp"

namespace pico::app::remote::detail {

std::unique_ptr<ws_client> connect_plain(ws_target const& target, std::string const& token,
                                         std::chrono::milliseconds timeout)
{
    return connect_over<plain_stream>(target, token, timeout);
}

} // namespace pico::app::remote::detail
