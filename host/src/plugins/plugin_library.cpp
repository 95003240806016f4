#include "plugins/plugin_library.hpp"

#include "plugins/one_line.hpp"

#include <system_error>

namespace pico::plugins {
namespace {

// Boost.DLL wraps dlerror() as "...failed (dlerror system message: TEXT): Bad file descriptor";
// TEXT is the useful part ("x.so: undefined symbol: foo").
std::string dlerror_text(std::string const& what)
{
    std::string const marker = "(dlerror system message: ";
    auto const start = what.find(marker);
    auto const end = what.rfind(')');
    if (start == std::string::npos || end == std::string::npos || end < start + marker.size())
        return what;
    return what.substr(start + marker.size(), end - start - marker.size());
}

} // namespace

opened_library open_plugin_library(std::filesystem::path const& file)
{
    opened_library out;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        out.error = "library " + file.string() + " not found";
        return out;
    }

    std::shared_ptr<boost::dll::shared_library> library;
    try {
        namespace mode = boost::dll::load_mode;
        library = std::make_shared<boost::dll::shared_library>(file, mode::rtld_local | mode::rtld_now);
    } catch (std::exception const& e) {
        out.error = one_line("cannot load library: " + dlerror_text(e.what()));
        return out;
    } catch (...) {
        out.error = "cannot load library " + file.string() + ": unknown error";
        return out;
    }

    // A loader that calls an entry point without checking it exists crashes on foreign libraries.
    try {
        if (!library->has(PICO_PLUGIN_ENTRY_NAME)) {
            out.error = "no entry point '" PICO_PLUGIN_ENTRY_NAME "' in " + file.filename().string();
            return out;
        }
        auto& entry = library->get<sdk::plugin_descriptor const*()>(PICO_PLUGIN_ENTRY_NAME);
        out.descriptor = entry();
    } catch (std::exception const& e) {
        out.error = one_line("entry point '" PICO_PLUGIN_ENTRY_NAME "' threw: " + std::string(e.what()));
        return out;
    } catch (...) {
        out.error = "entry point '" PICO_PLUGIN_ENTRY_NAME "' threw a non-standard exception";
        return out;
    }
    if (out.descriptor == nullptr) {
        out.error = "entry point '" PICO_PLUGIN_ENTRY_NAME "' returned no descriptor";
        return out;
    }
    out.library = std::move(library);
    return out;
}

} // namespace pico::plugins
