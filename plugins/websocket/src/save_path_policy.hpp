// Where a remote client may put downloads: absolute paths under the configured roots only
// (websocket.allowed_save_roots, by default the host's save path), after `..` and symlinks of
// the existing part of the path are resolved, so neither can walk out of a root.
#pragma once

#include <string>
#include <vector>

namespace pico::websocket {

/// The confined path, or why it was refused.
struct save_path_check {
    /// True when the path lies under a root.
    bool ok = false;
    /// The resolved path to hand to the host (symlinks of existing parts followed).
    std::string path;
    /// One line saying why it was refused.
    std::string error;
};

/// Checks `requested` against `roots` (roots that are empty strings are ignored). Never throws.
save_path_check confine_save_path(std::string const& requested, std::vector<std::string> const& roots);

} // namespace pico::websocket
