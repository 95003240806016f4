// PicoTorrent.json as a user (or a bad editor) leaves it: parse with comments, validate, and
// compute the effective configuration. The same text is also read as a plugin's declared
// keys (plugin.json "config"), and when usable, the document is checked against them.
// config_error is the expected outcome for bad input.
#include "config/config_error.hpp"
#include "config/config_schema.hpp"
#include "config/json_text.hpp"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const text(reinterpret_cast<char const*>(data), size);
    try {
        auto const document = pico::config::parse_json_with_comments(text, "fuzz.json");
        pico::config::validate_document(document);
        (void)pico::config::effective_config(document);
        if (document.is_object() && document.contains("config")) {
            pico::config::config_schema schema;
            schema.add_plugin("fuzz", pico::config::parse_key_rules(document.at("config")));
            auto effective = pico::config::effective_config(document, schema);
            pico::config::mask_secrets(effective, schema);
        }
    } catch (pico::config::config_error const& e) {
        if (std::string_view(e.what()).find('\n') != std::string_view::npos)
            std::abort();
    }
    return 0;
}
