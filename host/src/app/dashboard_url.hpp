// The web dashboard's address for `config show`: the URL a user opens, token in the fragment.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace pico::app {

/// `http(s)://HOST:PORT/#token=TOKEN` for an effective configuration whose websocket plugin
/// serves the dashboard; "" when it would not (not enabled, not among `plugins`, dashboard
/// off, port 0 chosen at start, or no token yet: one is generated on the first start).
std::string dashboard_url(nlohmann::json const& effective_config);

} // namespace pico::app
