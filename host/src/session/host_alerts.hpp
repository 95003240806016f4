// The alert categories the host itself depends on, whatever the configuration or a plugin sets.
#pragma once

#include <libtorrent/alert.hpp>

namespace pico::session {

/// Errors, status, storage, tracker and file-progress alerts; everything else stays off for speed.
lt::alert_category_t host_alert_mask();

} // namespace pico::session
