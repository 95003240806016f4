#include "plugins/manifest.hpp"

#include "config/config_error.hpp"
#include "config/json_text.hpp"
#include "plugins/one_line.hpp"
#include "plugins/semver.hpp"
#include "util/atomic_file.hpp"
#include "util/printable.hpp"

#include <nlohmann/json.hpp>
#include <picotorrent/sdk/semver.hpp>
#include <system_error>

namespace pico::plugins {
namespace {

using json = nlohmann::json;

constexpr std::size_t max_manifest_bytes = 1024 * 1024;

class validator {
  public:
    validator(json const& doc, std::string origin) : m_doc(doc), m_origin(std::move(origin)) {}

    // What a manifest says is echoed escaped and cut short: it is outside input.
    [[noreturn]] void fail(std::string const& what) const
    {
        throw manifest_error(one_line(m_origin) + ": " + util::printable(what, 300));
    }

    std::string required_string(char const* key) const
    {
        auto const it = m_doc.find(key);
        if (it == m_doc.end())
            fail(std::string("missing field '") + key + "'");
        if (!it->is_string())
            fail(std::string("field '") + key + "' must be a string, got " + it->type_name());
        return it->get<std::string>();
    }

    std::string optional_string(char const* key, std::string fallback) const
    {
        auto const it = m_doc.find(key);
        if (it == m_doc.end())
            return fallback;
        if (!it->is_string())
            fail(std::string("field '") + key + "' must be a string, got " + it->type_name());
        return it->get<std::string>();
    }

    bool optional_bool(char const* key) const
    {
        auto const it = m_doc.find(key);
        if (it == m_doc.end())
            return false;
        if (!it->is_boolean())
            fail(std::string("field '") + key + "' must be true or false, got " + it->type_name());
        return it->get<bool>();
    }

    std::vector<std::string> optional_string_array(char const* key, char const* of_what) const
    {
        auto const it = m_doc.find(key);
        if (it == m_doc.end())
            return {};
        if (!it->is_array())
            fail(std::string("field '") + key + "' must be an array of " + of_what + ", got " +
                 it->type_name());
        std::vector<std::string> out;
        for (auto const& item : *it) {
            if (!item.is_string())
                fail(std::string("field '") + key + "' must contain only strings, got " + item.type_name());
            out.push_back(item.get<std::string>());
        }
        return out;
    }

  private:
    json const& m_doc;
    std::string m_origin;
};

} // namespace

bool valid_plugin_id(std::string_view id)
{
    if (id.empty() || id.size() > 64 || id[0] < 'a' || id[0] > 'z')
        return false;
    for (char c : id) {
        bool const ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

bool valid_option_name(std::string_view name)
{
    if (name.empty() || name.size() > 64 || name[0] < 'a' || name[0] > 'z')
        return false;
    for (char c : name) {
        bool const ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

manifest parse_manifest(std::string_view json_text, std::string const& origin)
{
    json doc;
    try {
        // Depth-limited, with line:column, like the configuration.
        doc = config::parse_json_with_comments(json_text, "");
    } catch (config::config_error const& e) {
        std::string_view where = e.what(); // ":LINE:COLUMN: message"
        where.remove_prefix(where.empty() ? 0 : 1);
        throw manifest_error(one_line(origin) + ": invalid JSON: " + std::string(where));
    }
    validator v(doc, origin);
    if (!doc.is_object())
        v.fail(std::string("must be a JSON object, got ") + doc.type_name());

    manifest m;
    m.id = v.required_string("id");
    if (!valid_plugin_id(m.id))
        v.fail("field 'id' must match [a-z][a-z0-9_]* (at most 64 characters), got \"" + m.id + "\"");
    m.name = v.required_string("name");
    if (m.name.empty())
        v.fail("field 'name' must not be empty");
    m.version = v.required_string("version");
    if (!sdk::parse_semver(m.version))
        v.fail("field 'version' must be a semantic version like 1.2.3, got \"" + m.version + "\"");
    m.sdk_version = v.required_string("sdk_version");
    if (!parse_sdk_version(m.sdk_version))
        v.fail("field 'sdk_version' must be an SDK version like 1.0.0, got \"" + m.sdk_version + "\"");
    m.description = v.optional_string("description", "");
    m.library = v.optional_string("library", m.id + ".so");
    // The library sits beside its manifest: a path could point anywhere on the machine.
    if (m.library.empty() || m.library.find('/') != std::string::npos || m.library == "." ||
        m.library == "..")
        v.fail("field 'library' must be a file name beside plugin.json, got \"" + m.library + "\"");
    m.depends = v.optional_string_array("depends", "plugin ids");
    for (auto const& dep : m.depends) {
        if (!valid_plugin_id(dep))
            v.fail("field 'depends' must contain plugin ids, got \"" + dep + "\"");
    }
    m.front_end = v.optional_bool("front_end");
    m.front_end_before_restore = v.optional_bool("front_end_before_restore");
    if (m.front_end_before_restore && !m.front_end)
        v.fail("field 'front_end_before_restore' needs \"front_end\": true");
    m.fail_closed = v.optional_bool("fail_closed");
    m.options = v.optional_string_array("options", "option names");
    for (auto const& option : m.options) {
        if (!valid_option_name(option))
            v.fail("field 'options' must contain option names without dashes like \"include\", got \"" +
                   option + "\"");
    }
    // The plugin's configuration keys: the host checks them without loading the library.
    if (auto it = doc.find("config"); it != doc.end() && !it->is_null()) {
        try {
            m.config_keys = config::parse_key_rules(*it);
        } catch (config::config_error const& e) {
            v.fail(std::string("field ") + e.what());
        }
    }
    return m;
}

manifest read_manifest(std::filesystem::path const& plugin_json)
{
    std::string text;
    try {
        text = util::read_file(plugin_json, max_manifest_bytes);
    } catch (std::system_error const& e) {
        if (e.code() == std::errc::file_too_large)
            throw manifest_error(one_line(plugin_json.string()) +
                                 ": larger than 1 MiB; not a plugin manifest");
        throw manifest_error(plugin_json.string() + ": cannot read: " + e.code().message());
    }
    return parse_manifest(text, plugin_json.string());
}

} // namespace pico::plugins
