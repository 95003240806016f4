// The library's one exported symbol.
#include "proxy_plugin.hpp"

PICO_DECLARE_PLUGIN("proxy", pico::proxy::proxy_plugin)
