// A .torrent from anywhere: parse, diagnose, and render both reports. Any metainfo_error is
// the expected outcome for bad input; what must not happen is a crash or a multi-line message.
#include "cli/metainfo_reader.hpp"
#include "cli/report_json.hpp"
#include "cli/report_text.hpp"

#include <cstdint>
#include <cstdlib>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    try {
        auto const report = pico::cli::read_metainfo(input);
        std::ostringstream text;
        pico::cli::write_text_report(text, report, true);
        (void)pico::cli::report_to_json_text(report, true);
    } catch (pico::cli::metainfo_error const& e) {
        if (std::string_view(e.what()).find('\n') != std::string_view::npos)
            std::abort(); // the one-line rule
    }
    return 0;
}
