// Opens one plugin's shared library with Boost.DLL and calls its entry point.
#pragma once

#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <memory>
#include <picotorrent/sdk/plugin.hpp>
#include <string>

namespace pico::plugins {

/// A library whose entry point returned a descriptor, or why not.
struct opened_library {
    /// The mapped library; null on failure. The descriptor lives in it.
    std::shared_ptr<boost::dll::shared_library> library;
    /// What the entry point returned; null on failure.
    sdk::plugin_descriptor const* descriptor = nullptr;
    /// One line saying what went wrong; empty on success.
    std::string error;
};

/// Loads `file` with rtld_local|rtld_now (so unresolved symbols fail here, not in a callback
/// later), checks the entry point PICO_PLUGIN_ENTRY_NAME exists, calls it and checks the result
/// is not null. Never throws: every Boost.DLL or entry-point exception becomes `error`.
opened_library open_plugin_library(std::filesystem::path const& file);

} // namespace pico::plugins
