// From configuration to libtorrent settings: the reference example, every session key, names.
#include "config/config_store.hpp"
#include "config_test_support.hpp"
#include "in_tree_schema.hpp"
#include "util/host_version.hpp"

#include <gtest/gtest.h>
#include <libtorrent/settings_pack.hpp>

namespace pico::config {
namespace {

using json = nlohmann::json;
using sp = lt::settings_pack;

// The session keys of the reference documentation and the libtorrent setting each maps to.
struct int_mapping {
    char const* key;
    int setting;
};
constexpr int_mapping int_mappings[] = {
    {"active_checking", sp::active_checking},           {"active_dht_limit", sp::active_dht_limit},
    {"active_downloads", sp::active_downloads},         {"active_limit", sp::active_limit},
    {"active_lsd_limit", sp::active_lsd_limit},         {"active_seeds", sp::active_seeds},
    {"active_tracker_limit", sp::active_tracker_limit},
};

struct bool_mapping {
    char const* key;
    std::vector<int> settings;
};
std::vector<bool_mapping> const bool_mappings{
    {"anonymous_mode", {sp::anonymous_mode}},
    {"enable_dht", {sp::enable_dht}},
    {"enable_lsd", {sp::enable_lsd}},
    {"enable_upnp", {sp::enable_upnp}},
    {"enable_natpmp", {sp::enable_natpmp}},
    {"enable_utp", {sp::enable_outgoing_utp, sp::enable_incoming_utp}},
    {"enable_tcp", {sp::enable_outgoing_tcp, sp::enable_incoming_tcp}},
};

TEST(settings_mapping, reference_example_loads_unchanged_and_every_key_takes_effect)
{
    auto const store = config_store::load(test::data_file("reference_advanced_settings.json"));
    auto const& session = store.document().at("session");
    auto const pack = make_settings_pack(store.document());
    for (auto const& m : int_mappings)
        EXPECT_EQ(pack.get_int(m.setting), session.at(m.key).get<int>()) << m.key;
    EXPECT_EQ(pack.get_bool(sp::anonymous_mode), session.at("anonymous_mode").get<bool>());
    EXPECT_EQ(pack.get_bool(sp::enable_dht), session.at("enable_dht").get<bool>());
    EXPECT_EQ(pack.get_bool(sp::enable_lsd), session.at("enable_lsd").get<bool>());
    EXPECT_EQ(pack.get_int(sp::in_enc_policy), sp::pe_enabled);  // require_incoming_encryption: false
    EXPECT_EQ(pack.get_int(sp::out_enc_policy), sp::pe_enabled); // require_outgoing_encryption: false

    // Keys read by plugins, and active_loaded_limit (no libtorrent 2.0 equivalent), are kept.
    auto const effective = effective_config(store.document());
    EXPECT_EQ(effective.at("session").at("active_loaded_limit"), 100);
    EXPECT_EQ(effective.at("ui").at("show_add_torrent_dialog"), true);
    EXPECT_EQ(effective.at("ignored_update"), "");
    EXPECT_EQ(effective.at("update_url"),
              "https://api.github.com/repos/picotorrent/picotorrent/releases/latest");

    // Every key of the example is in the effective configuration with the value written.
    for (auto const& [section, value] : store.document().items()) {
        if (value.is_object()) {
            for (auto const& [key, v] : value.items())
                EXPECT_EQ(effective.at(section).at(key), v) << section << "." << key;
        } else {
            EXPECT_EQ(effective.at(section), value) << section;
        }
    }
}

TEST(settings_mapping, reference_snippets_load_and_are_kept_for_plugins)
{
    auto const filters = config_store::load(test::data_file("reference_file_filters.json"));
    EXPECT_EQ(effective_config(filters.document(), test::in_tree_schema()).at("file_filters"),
              json::parse(R"([{"name": "Everything", "pattern": ".*"}])"));

    auto const websocket = config_store::load(test::data_file("reference_websocket.json"));
    auto const ws = effective_config(websocket.document(), test::in_tree_schema()).at("websocket");
    EXPECT_EQ(ws.at("enabled"), false);
    EXPECT_EQ(ws.at("listen_port"), 7676);
    EXPECT_EQ(ws.at("listen_address"), "127.0.0.1");
}

// Changing any one session key changes its libtorrent setting: nothing is silently ignored.
TEST(settings_mapping, every_session_integer_takes_effect)
{
    auto const base = lt::default_settings();
    for (auto const& m : int_mappings) {
        int const value = base.get_int(m.setting) + 7;
        auto const pack = make_settings_pack(json{{"session", {{m.key, value}}}});
        EXPECT_EQ(pack.get_int(m.setting), value) << m.key;
    }
}

TEST(settings_mapping, every_session_boolean_takes_effect)
{
    for (auto const& m : bool_mappings) {
        for (bool const value : {false, true}) {
            auto const pack = make_settings_pack(json{{"session", {{m.key, value}}}});
            for (int setting : m.settings)
                EXPECT_EQ(pack.get_bool(setting), value) << m.key << " -> " << lt::name_for_setting(setting);
        }
    }
}

TEST(settings_mapping, transports_are_independent)
{
    auto const no_utp = make_settings_pack(json::parse(R"({"session": {"enable_utp": false}})"));
    EXPECT_FALSE(no_utp.get_bool(sp::enable_outgoing_utp));
    EXPECT_FALSE(no_utp.get_bool(sp::enable_incoming_utp));
    EXPECT_TRUE(no_utp.get_bool(sp::enable_outgoing_tcp));
    EXPECT_TRUE(no_utp.get_bool(sp::enable_incoming_tcp));
}

TEST(settings_mapping, required_encryption_is_forced)
{
    auto const in = make_settings_pack(json::parse(R"({"session": {"require_incoming_encryption": true}})"));
    EXPECT_EQ(in.get_int(sp::in_enc_policy), sp::pe_forced);
    EXPECT_EQ(in.get_int(sp::out_enc_policy), sp::pe_enabled);
    auto const out = make_settings_pack(json::parse(R"({"session": {"require_outgoing_encryption": true}})"));
    EXPECT_EQ(out.get_int(sp::in_enc_policy), sp::pe_enabled);
    EXPECT_EQ(out.get_int(sp::out_enc_policy), sp::pe_forced);
}

TEST(settings_mapping, listen_interfaces_and_product_defaults)
{
    auto const loopback =
        make_settings_pack(json::parse(R"({"session": {"listen_interfaces": "127.0.0.1:0"}})"));
    EXPECT_EQ(loopback.get_str(sp::listen_interfaces), "127.0.0.1:0");
    auto const defaults = make_settings_pack(json::object());
    EXPECT_EQ(defaults.get_str(sp::listen_interfaces), "0.0.0.0:6881,[::]:6881");
    EXPECT_TRUE(defaults.get_bool(sp::enable_dht));
    EXPECT_TRUE(defaults.get_bool(sp::enable_lsd));
    EXPECT_TRUE(defaults.get_bool(sp::enable_upnp));
    EXPECT_TRUE(defaults.get_bool(sp::enable_natpmp));
}

// issue 9: without this key a DHT could not be kept off the internet's routers.
TEST(settings_mapping, dht_bootstrap_nodes_reach_libtorrent_and_default_to_its_routers)
{
    auto const none = make_settings_pack(json::parse(R"({"session": {"dht_bootstrap_nodes": ""}})"));
    EXPECT_EQ(none.get_str(sp::dht_bootstrap_nodes), "");
    auto const local =
        make_settings_pack(json::parse(R"({"session": {"dht_bootstrap_nodes": "127.0.0.1:6881"}})"));
    EXPECT_EQ(local.get_str(sp::dht_bootstrap_nodes), "127.0.0.1:6881");
    EXPECT_EQ(make_settings_pack(json::object()).get_str(sp::dht_bootstrap_nodes),
              lt::default_settings().get_str(sp::dht_bootstrap_nodes));
    EXPECT_FALSE(lt::default_settings().get_str(sp::dht_bootstrap_nodes).empty());
}

TEST(settings_mapping, invalid_document_is_a_config_error)
{
    EXPECT_THROW(make_settings_pack(json::parse(R"({"session": {"enable_dht": 1}})")), config_error);
}

TEST(settings_mapping, peer_fingerprint_and_user_agent_come_from_the_host_version)
{
    // Azureus style: -pT, then major, minor, patch as one digit each, then 0 (0.2.0 -> -pT0200-).
    ASSERT_LT(host_version_major, 10);
    ASSERT_LT(host_version_minor, 10);
    ASSERT_LT(host_version_patch, 10);
    std::string const expected = "-pT" + std::to_string(host_version_major) +
                                 std::to_string(host_version_minor) + std::to_string(host_version_patch) +
                                 "0-";
    EXPECT_EQ(peer_fingerprint(), expected);
    EXPECT_EQ(peer_fingerprint().size(), 8u);
    auto const pack = make_settings_pack(json::object());
    EXPECT_EQ(pack.get_str(sp::peer_fingerprint), expected);
    EXPECT_EQ(pack.get_str(sp::user_agent), std::string("PicoTorrent/") + host_version);
}

TEST(settings_mapping, settings_to_json_uses_libtorrent_names)
{
    auto const pack = make_settings_pack(json::parse(
        R"({"session": {"active_downloads": 4, "require_incoming_encryption": true, "enable_dht": false}})"));
    auto const j = settings_to_json(pack);
    EXPECT_EQ(j.at("active_downloads"), 4);
    EXPECT_EQ(j.at("in_enc_policy"), sp::pe_forced);
    EXPECT_EQ(j.at("out_enc_policy"), sp::pe_enabled);
    EXPECT_EQ(j.at("enable_dht"), false);
    EXPECT_EQ(j.at("listen_interfaces"), "0.0.0.0:6881,[::]:6881");
    EXPECT_EQ(j.at("peer_fingerprint"), peer_fingerprint());
    EXPECT_FALSE(j.contains("active_loaded_limit"));
    // Every name is libtorrent's and reads back to the value in the pack.
    for (auto const& [name, value] : j.items()) {
        int const setting = lt::setting_by_name(name);
        ASSERT_GE(setting, 0) << name;
        switch (setting & sp::type_mask) {
        case sp::string_type_base:
            EXPECT_EQ(value, pack.get_str(setting)) << name;
            break;
        case sp::int_type_base:
            EXPECT_EQ(value, pack.get_int(setting)) << name;
            break;
        case sp::bool_type_base:
            EXPECT_EQ(value, pack.get_bool(setting)) << name;
            break;
        default:
            ADD_FAILURE() << name;
        }
    }
}

TEST(settings_mapping, settings_to_json_holds_only_what_the_pack_sets)
{
    sp pack;
    pack.set_int(sp::active_seeds, 9);
    pack.set_bool(sp::enable_lsd, false);
    EXPECT_EQ(settings_to_json(pack), json::parse(R"({"active_seeds": 9, "enable_lsd": false})"));
}

} // namespace
} // namespace pico::config
