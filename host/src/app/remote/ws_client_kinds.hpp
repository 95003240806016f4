// One connect function per stream type, each in its own file so neither waits for the other
// to compile. ws_client.cpp's connect() picks one by the URL's scheme.
#pragma once

#include "app/remote/ws_client.hpp"

namespace pico::app::remote::detail {

/// ws://: defined in ws_client_plain.cpp.
std::unique_ptr<ws_client> connect_plain(ws_target const& target, std::string const& token,
                                         std::chrono::milliseconds timeout);
/// wss://: defined in ws_client_tls.cpp.
std::unique_ptr<ws_client> connect_tls(ws_target const& target, std::string const& token,
                                       std::chrono::milliseconds timeout);

} // namespace pico::app::remote::detail
