// After a kill: is everything the next start reads still readable? The config, every resume
// file, the session state, and no file set aside as corrupt.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pico::soak {

/// One line per problem found in `config_file` and `state_dir`; empty when all is readable.
std::vector<std::string> unreadable_state(std::filesystem::path const& config_file,
                                          std::filesystem::path const& state_dir);

} // namespace pico::soak
