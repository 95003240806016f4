// The exported entry point the host looks up.
#include "websocket_plugin.hpp"

PICO_DECLARE_PLUGIN("websocket", pico::websocket::websocket_plugin)
