// The library's one exported symbol.
#include "file_filters_plugin.hpp"

PICO_DECLARE_PLUGIN("file_filters", pico::file_filters::file_filters_plugin)
