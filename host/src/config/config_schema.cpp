#include "config/config_schema.hpp"

#include "config/config_error.hpp"
#include "config/config_paths.hpp"

#include <algorithm>
#include <cstdint>
#include <libtorrent/settings_pack.hpp>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace pico::config {
namespace {

using json = nlohmann::json;

int lt_int(int setting)
{
    return lt::default_settings().get_int(setting);
}
bool lt_bool(int setting)
{
    return lt::default_settings().get_bool(setting);
}
std::string lt_str(int setting)
{
    return lt::default_settings().get_str(setting);
}

key_rule rule(std::string key, value_kind kind, json default_value, std::vector<std::string> choices = {})
{
    key_rule out;
    out.key = std::move(key);
    out.kind = kind;
    out.default_value = std::move(default_value);
    out.choices = std::move(choices);
    return out;
}

// The host's own keys. The defaults of the session keys are libtorrent's, so `config show`
// shows what is applied.
std::vector<key_rule> host_rules()
{
    using sp = lt::settings_pack;
    return {
        // save_path's default depends on the user's environment: effective_config computes it.
        rule("save_path", value_kind::non_empty_string, nullptr),
        // Absent plugins: every plugin found is loaded.
        rule("plugins", value_kind::id_list, nullptr),
        rule("session.active_checking", value_kind::integer, lt_int(sp::active_checking)),
        rule("session.active_dht_limit", value_kind::integer, lt_int(sp::active_dht_limit)),
        rule("session.active_downloads", value_kind::integer, lt_int(sp::active_downloads)),
        rule("session.active_limit", value_kind::integer, lt_int(sp::active_limit)),
        // libtorrent 1.1's default; libtorrent 2.0 never unloads torrents, so it has no effect.
        rule("session.active_loaded_limit", value_kind::integer, 100),
        rule("session.active_lsd_limit", value_kind::integer, lt_int(sp::active_lsd_limit)),
        rule("session.active_seeds", value_kind::integer, lt_int(sp::active_seeds)),
        rule("session.active_tracker_limit", value_kind::integer, lt_int(sp::active_tracker_limit)),
        rule("session.anonymous_mode", value_kind::boolean, lt_bool(sp::anonymous_mode)),
        rule("session.download_rate_limit", value_kind::rate_limit, lt_int(sp::download_rate_limit)),
        rule("session.upload_rate_limit", value_kind::rate_limit, lt_int(sp::upload_rate_limit)),
        rule("session.enable_dht", value_kind::boolean, true),
        // issue 9: "" keeps the DHT off the internet's routers (loopback tests, private swarms).
        rule("session.dht_bootstrap_nodes", value_kind::string, lt_str(sp::dht_bootstrap_nodes)),
        rule("session.enable_lsd", value_kind::boolean, true),
        rule("session.require_incoming_encryption", value_kind::boolean, false),
        rule("session.require_outgoing_encryption", value_kind::boolean, false),
        rule("session.listen_interfaces", value_kind::listen_interfaces, lt_str(sp::listen_interfaces)),
        rule("session.enable_upnp", value_kind::boolean, true),
        rule("session.enable_natpmp", value_kind::boolean, true),
        rule("session.enable_utp", value_kind::boolean, true),
        rule("session.enable_tcp", value_kind::boolean, true),
        // auto: the storage back-end measured faster for the command (config/throughput_profile.cpp).
        rule("session.disk_io", value_kind::choice, "auto", {"auto", "mmap", "posix"}),
    };
}

// The value at a dotted key, or nullptr when it or a section on the way is absent or null.
// A section that is present but not an object is an error naming that section.
template <class Json> Json* find_key(Json& document, std::string_view key)
{
    Json* node = &document;
    std::size_t start = 0;
    while (true) {
        auto const dot = key.find('.', start);
        auto const name = std::string(
            key.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        auto it = node->find(name);
        if (it == node->end() || it->is_null())
            return nullptr;
        if (dot == std::string_view::npos)
            return &*it;
        if (!it->is_object())
            fail_at_key(key.substr(0, dot), "expected an object, got " + describe_value(*it));
        node = &*it;
        start = dot + 1;
    }
}

// The slot for a dotted key, creating sections (and replacing nulls) on the way.
json& slot_for(json& document, std::string_view key)
{
    json* node = &document;
    std::size_t start = 0;
    while (true) {
        auto const dot = key.find('.', start);
        auto const name = std::string(
            key.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        json& child = (*node)[name];
        if (dot == std::string_view::npos)
            return child;
        if (child.is_null())
            child = json::object();
        node = &child;
        start = dot + 1;
    }
}

bool effective_bool(json const& document, std::string_view key)
{
    auto const* v = find_key(document, key);
    return v == nullptr || v->get<bool>();
}

// "file_filters[].name" patterns for an object_list's members, so unknown-key checks know them.
void add_known_keys(key_rule const& rule, std::vector<std::string>& out)
{
    out.push_back(rule.key);
    for (auto const& field : rule.fields)
        out.push_back(rule.key + "[]." + field.key);
}

} // namespace

config_schema::config_schema() : m_host(host_rules()) {}

void config_schema::add_plugin(std::string const& plugin_id, std::vector<key_rule> rules)
{
    for (auto const& rule : rules) {
        if (auto const owner = owner_of(rule.key);
            !owner.empty() ||
            std::any_of(m_host.begin(), m_host.end(), [&](auto const& r) { return r.key == rule.key; }))
            throw config_error("plugin " + plugin_id + " declares \"" + rule.key + "\", which is " +
                               (owner.empty() ? std::string("the host's") : "plugin " + owner + "'s"));
    }
    m_plugins.emplace_back(plugin_id, std::move(rules));
}

std::vector<key_rule const*> config_schema::rules() const
{
    std::vector<key_rule const*> out;
    for (auto const& rule : m_host)
        out.push_back(&rule);
    for (auto const& [id, rules] : m_plugins) {
        for (auto const& rule : rules)
            out.push_back(&rule);
    }
    return out;
}

std::string config_schema::owner_of(std::string const& key) const
{
    for (auto const& [id, rules] : m_plugins) {
        for (auto const& rule : rules) {
            if (rule.key == key)
                return id;
        }
    }
    return {};
}

std::vector<std::string> config_schema::plugin_ids() const
{
    std::vector<std::string> out;
    for (auto const& [id, rules] : m_plugins)
        out.push_back(id);
    return out;
}

std::vector<std::string> known_config_keys(config_schema const& schema)
{
    std::vector<std::string> out;
    for (auto const* rule : schema.rules())
        add_known_keys(*rule, out);
    return out;
}

void validate_document(nlohmann::json const& document, config_schema const& schema)
{
    if (!document.is_object())
        fail_at_key("(top level)", "expected an object, got " + describe_value(document));
    for (auto const* rule : schema.rules()) {
        if (auto const* v = find_key(document, rule->key))
            check_value(rule->key, *rule, *v);
    }
    if (!effective_bool(document, "session.enable_utp") && !effective_bool(document, "session.enable_tcp"))
        fail_at_key("session.enable_tcp",
                    "uTP is disabled too: with neither TCP nor uTP no peer can connect");
}

nlohmann::json effective_config(nlohmann::json const& document, config_schema const& schema)
{
    validate_document(document, schema);
    json out = document;
    for (auto const* rule : schema.rules()) {
        if (rule->default_value.is_null())
            continue;
        json& slot = slot_for(out, rule->key);
        if (slot.is_null())
            slot = rule->default_value;
    }
    if (json& save_path = slot_for(out, "save_path"); save_path.is_null())
        save_path = default_save_path().string();
    return out;
}

void mask_secrets(nlohmann::json& config, config_schema const& schema)
{
    for (auto const* rule : schema.rules()) {
        if (!rule->secret)
            continue;
        // Only what was checked against the schema: a section that is not an object is skipped.
        try {
            auto* value = find_key(config, rule->key);
            if (value && value->is_string() && !value->get_ref<std::string const&>().empty())
                *value = "********";
        } catch (config_error const&) {
        }
    }
}

} // namespace pico::config
