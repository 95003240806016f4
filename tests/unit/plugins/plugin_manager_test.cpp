// The plugin manager against real fixture libraries: every broken case is refused with one
// line naming what the plugin was built against and what the host offers; good plugins load,
// start, stop and unload in the right order.
#include "manager_harness.hpp"
#include "plugins/semver.hpp"

#include <cstdlib>
#include <gtest/gtest.h>

namespace {

using namespace pico;
using plugins::plugin_state;
using test::fixture_case;
using test::fixture_library;
using test::is_mapped;
using test::manager_harness;

std::string const host_sdk = plugins::to_string(sdk::semantic_version::unpack(PICO_SDK_VERSION));

std::string sdk_string(std::uint32_t major, std::uint32_t minor, std::uint32_t patch)
{
    return plugins::to_string(sdk::semantic_version{major, minor, patch});
}

bool contains(std::string const& text, std::string const& part)
{
    return text.find(part) != std::string::npos;
}

// The refusal is one line, logged once, and contains every expected part.
void expect_refused(manager_harness const& h, std::string const& id, std::vector<std::string> const& parts)
{
    SCOPED_TRACE("plugin " + id);
    auto const r = h.record(id);
    ASSERT_EQ(r.info.id, id);
    EXPECT_EQ(r.state, plugin_state::refused);
    EXPECT_EQ(r.reason.find('\n'), std::string::npos);
    for (auto const& part : parts)
        EXPECT_TRUE(contains(r.reason, part)) << "reason: " << r.reason << "\nmissing: " << part;
    auto const lines = h.logged("plugin '" + id + "' refused: ");
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "plugin '" + id + "' refused: " + r.reason);
    EXPECT_FALSE(h.manager.library_keepalive(id)) << "a refused plugin's library must be unloaded";
}

TEST(plugin_manager, good_plugin_starts_stops_and_is_destroyed_before_its_host)
{
    manager_harness h;
    h.manager.discover({fixture_case("good")});
    h.manager.load_and_start(h.factory());
    EXPECT_EQ(h.record("good").state, plugin_state::running);
    EXPECT_EQ(h.manager.running_in_order(), std::vector<std::string>{"good"});
    EXPECT_TRUE(is_mapped(fixture_library("good", "good")));
    EXPECT_EQ(h.logged("plugin 'good' 1.0.0 started").size(), 1u);

    h.manager.stop_all();
    EXPECT_EQ(h.record("good").state, plugin_state::stopped);
    EXPECT_TRUE(h.manager.running_in_order().empty());
    EXPECT_EQ(*h.lines, (test::journal{"good: started", "good: stopped", "good: destroyed",
                                       "good: host destroyed with 0 registrations"}));
}

TEST(plugin_manager, library_is_unloaded_last)
{
    auto const library = fixture_library("good", "good");
    ASSERT_FALSE(is_mapped(library));
    bool mapped_when_host_destroyed = false;
    {
        manager_harness h;
        h.manager.discover({fixture_case("good")});
        h.manager.load_and_start(h.factory());
        ASSERT_EQ(h.record("good").state, plugin_state::running);
        h.hosts.at("good")->on_destroy = [&] { mapped_when_host_destroyed = is_mapped(library); };
        // A service object made by the plugin would hold this handle: the code must stay.
        auto keepalive = h.manager.library_keepalive("good");
        ASSERT_TRUE(keepalive);
        h.manager.stop_all();
        EXPECT_TRUE(mapped_when_host_destroyed);
        EXPECT_TRUE(is_mapped(library)) << "unloaded while a keepalive handle is held";
        keepalive.reset();
        EXPECT_FALSE(is_mapped(library));
    }
    EXPECT_FALSE(is_mapped(library));
}

TEST(plugin_manager, destructor_stops_running_plugins)
{
    auto const lines = std::make_shared<test::journal>();
    {
        manager_harness h;
        h.lines = lines;
        h.manager.discover({fixture_case("good")});
        h.manager.load_and_start(h.factory());
    }
    EXPECT_EQ(lines->back(), "good: host destroyed with 0 registrations");
    EXPECT_FALSE(is_mapped(fixture_library("good", "good")));
}

TEST(plugin_manager, wrong_major_is_refused)
{
    manager_harness h;
    h.manager.discover({fixture_case("wrong_major")});
    h.manager.load_only();
    expect_refused(h, "wrong_major",
                   {"built against SDK " + sdk_string(PICO_SDK_VERSION_MAJOR + 1, 0, 0),
                    "host offers " + host_sdk, "major versions differ"});
}

TEST(plugin_manager, newer_minor_is_refused)
{
    manager_harness h;
    h.manager.discover({fixture_case("newer_minor")});
    h.manager.load_only();
    expect_refused(h, "newer_minor",
                   {"built against SDK " + sdk_string(PICO_SDK_VERSION_MAJOR, PICO_SDK_VERSION_MINOR + 1, 0),
                    "host offers " + host_sdk, "needs a newer host"});
}

TEST(plugin_manager, bad_fingerprint_is_refused)
{
    manager_harness h;
    h.manager.discover({fixture_case("bad_fingerprint")});
    h.manager.load_only();
    expect_refused(
        h, "bad_fingerprint",
        {"built with ABI fingerprint 'pico-sdk-" + std::to_string(PICO_SDK_VERSION_MAJOR) + ";msvc;msvc-stl'",
         std::string("host offers '") + PICO_SDK_ABI_FINGERPRINT + "'"});
}

TEST(plugin_manager, missing_entry_point_is_refused)
{
    manager_harness h;
    h.manager.discover({fixture_case("missing_entry")});
    h.manager.load_only();
    expect_refused(h, "missing_entry",
                   {"no entry point 'pico_plugin_entry' in missing_entry.so", "manifest says SDK " + host_sdk,
                    "host offers " + host_sdk});
}

TEST(plugin_manager, entry_point_returning_null_is_refused)
{
    manager_harness h;
    h.manager.discover({fixture_case("null_entry")});
    h.manager.load_only();
    expect_refused(h, "null_entry", {"returned no descriptor", "host offers " + host_sdk});
}

TEST(plugin_manager, id_mismatch_is_refused)
{
    manager_harness h;
    h.manager.discover({fixture_case("id_mismatch")});
    h.manager.load_only();
    expect_refused(h, "id_mismatch",
                   {"library declares id 'someone_else' but its manifest says 'id_mismatch'",
                    "built against SDK " + host_sdk, "host offers " + host_sdk});
}

TEST(plugin_manager, unresolved_symbol_is_refused_at_load_time)
{
    manager_harness h;
    h.manager.discover({fixture_case("unresolved_symbol")});
    h.manager.load_only();
    expect_refused(h, "unresolved_symbol",
                   {"undefined symbol: pico_fixture_symbol_nobody_defines", "host offers " + host_sdk});
}

TEST(plugin_manager, manifest_disagreeing_with_library_is_refused)
{
    manager_harness h;
    h.manager.discover({fixture_case("manifest_mismatch")});
    h.manager.load_only();
    expect_refused(h, "manifest_mismatch",
                   {"manifest says SDK " + sdk_string(PICO_SDK_VERSION_MAJOR, PICO_SDK_VERSION_MINOR, 4095),
                    "built against SDK " + host_sdk, "host offers " + host_sdk});
}

TEST(plugin_manager, bad_manifest_is_refused_under_its_folder_name)
{
    manager_harness h;
    h.manager.discover({fixture_case("bad_manifest")});
    h.manager.load_only();
    expect_refused(
        h, "bad_manifest",
        {(fixture_case("bad_manifest") / "bad_manifest" / "plugin.json").string() + ": field 'version'",
         "\"one point oh\""});
}

TEST(plugin_manager, throwing_start_is_refused_and_the_instance_destroyed)
{
    manager_harness h;
    h.manager.discover({fixture_case("throws_in_start"), fixture_case("good")});
    h.manager.load_and_start(h.factory());
    expect_refused(h, "throws_in_start",
                   {"start() threw: cannot open its database (fixture)", "built against SDK " + host_sdk,
                    "host offers " + host_sdk});
    // The instance released its subscription before its host went; the others go on.
    EXPECT_NE(
        std::find(h.lines->begin(), h.lines->end(), "throws_in_start: host destroyed with 0 registrations"),
        h.lines->end());
    EXPECT_FALSE(is_mapped(fixture_library("throws_in_start", "throws_in_start")));
    EXPECT_EQ(h.manager.running_in_order(), std::vector<std::string>{"good"});
}

TEST(plugin_manager, start_throwing_its_own_exception_type_is_refused_and_unloaded_safely)
{
    manager_harness h;
    h.manager.discover({fixture_case("good"), fixture_case("throws_own_exception")});
    h.manager.load_and_start(h.factory());
    expect_refused(h, "throws_own_exception", {"start() threw: its own kind of error (fixture)"});
    EXPECT_FALSE(is_mapped(fixture_library("throws_own_exception", "throws_own_exception")));
    EXPECT_EQ(h.manager.running_in_order(), std::vector<std::string>{"good"});
}

TEST(plugin_manager, plugin_throwing_in_a_handler_is_disabled_and_the_others_go_on)
{
    manager_harness h;
    h.manager.discover({fixture_case("throws_in_handler"), fixture_case("good")});
    h.manager.load_and_start(h.factory());
    ASSERT_EQ(h.record("throws_in_handler").state, plugin_state::running);
    auto* host = h.hosts.at("throws_in_handler");
    EXPECT_EQ(host->live_registrations(), 2u);
    sdk::torrent_added_event added;
    added.torrent.info_hash = "abc";
    EXPECT_THROW(host->fire(added), std::runtime_error);
    EXPECT_THROW(host->fire(sdk::host_started_event{}), std::runtime_error);

    // What the host core does after catching it, once the callback has returned.
    h.manager.disable("throws_in_handler",
                      "threw from torrent_added: handler failed on purpose for torrent abc");
    auto const r = h.record("throws_in_handler");
    EXPECT_EQ(r.state, plugin_state::disabled);
    EXPECT_EQ(r.reason, "threw from torrent_added: handler failed on purpose for torrent abc");
    EXPECT_NE(
        std::find(h.lines->begin(), h.lines->end(), "throws_in_handler: host destroyed with 0 registrations"),
        h.lines->end());
    EXPECT_EQ(h.manager.running_in_order(), std::vector<std::string>{"good"});
    // Disabled, but its code stays until shutdown: something may still hold a pointer into it.
    auto const library = fixture_library("throws_in_handler", "throws_in_handler");
    EXPECT_TRUE(is_mapped(library));
    h.manager.disable("throws_in_handler", "again");
    EXPECT_EQ(h.record("throws_in_handler").reason, r.reason) << "disabling twice changes nothing";
    h.manager.stop_all();
    EXPECT_EQ(h.record("throws_in_handler").state, plugin_state::disabled);
    EXPECT_EQ(h.record("good").state, plugin_state::stopped);
    EXPECT_FALSE(is_mapped(library));
}

TEST(plugin_manager, disabling_a_good_plugin_stops_and_destroys_it)
{
    manager_harness h;
    h.manager.discover({fixture_case("good")});
    h.manager.load_and_start(h.factory());
    h.manager.disable("good", "threw from background work: boom");
    EXPECT_EQ(*h.lines, (test::journal{"good: started", "good: stopped", "good: destroyed",
                                       "good: host destroyed with 0 registrations"}));
    EXPECT_EQ(h.record("good").state, plugin_state::disabled);
    EXPECT_TRUE(h.manager.library_keepalive("good"));
}

TEST(plugin_manager, dependencies_start_first_and_stop_last)
{
    manager_harness h;
    h.manager.discover({fixture_case("dependency_order")});
    h.manager.load_and_start(h.factory());
    // alpha -> beta -> gamma; delta stands alone. Ties go in discovery (name) order.
    EXPECT_EQ(h.manager.running_in_order(), (std::vector<std::string>{"delta", "gamma", "beta", "alpha"}));
    h.manager.stop_all();
    std::vector<std::string> stops;
    for (auto const& l : *h.lines) {
        if (contains(l, ": stopped"))
            stops.push_back(l.substr(0, l.find(':')));
    }
    EXPECT_EQ(stops, (std::vector<std::string>{"alpha", "beta", "gamma", "delta"}));
}

TEST(plugin_manager, dependency_cycle_refuses_every_plugin_in_it)
{
    manager_harness h;
    h.manager.discover({fixture_case("dependency_cycle")});
    h.manager.load_and_start(h.factory());
    expect_refused(h, "cycle_a", {"dependency cycle: cycle_a -> cycle_b -> cycle_a"});
    expect_refused(h, "cycle_b", {"dependency cycle: cycle_a -> cycle_b -> cycle_a"});
    expect_refused(h, "after_cycle", {"depends on 'cycle_a', which was refused"});
    EXPECT_TRUE(h.manager.running_in_order().empty());
    EXPECT_TRUE(h.lines->empty()) << "no plugin of a cycle may be created";
}

TEST(plugin_manager, missing_dependency_is_named)
{
    manager_harness h;
    h.manager.discover({fixture_case("missing_dependency")});
    h.manager.load_and_start(h.factory());
    expect_refused(h, "needs_absent", {"depends on 'absent', which is not installed"});
}

TEST(plugin_manager, dependency_on_a_refused_plugin_is_refused)
{
    manager_harness h;
    h.manager.discover({fixture_case("dependency_order")});
    h.manager.select({std::vector<std::string>{"alpha"}, false, false});
    h.manager.load_and_start([&](plugins::plugin_record const& r) -> std::unique_ptr<sdk::host> {
        if (r.info.id == "gamma")
            throw std::runtime_error("no host for gamma");
        return h.factory()(r);
    });
    expect_refused(h, "gamma", {"the host could not be set up for it: no host for gamma"});
    expect_refused(h, "beta", {"depends on 'gamma', which did not start"});
    expect_refused(h, "alpha", {"depends on 'beta', which did not start"});
    EXPECT_TRUE(h.manager.running_in_order().empty());
}

TEST(plugin_manager, only_selected_plugins_and_their_dependencies_load)
{
    manager_harness h;
    h.manager.discover({fixture_case("dependency_order"), fixture_case("good")});
    h.manager.select({std::vector<std::string>{"alpha", "not_installed"}, false, false});
    h.manager.load_and_start(h.factory());
    EXPECT_EQ(h.manager.running_in_order(), (std::vector<std::string>{"gamma", "beta", "alpha"}));
    EXPECT_EQ(h.record("delta").state, plugin_state::not_selected);
    EXPECT_EQ(h.record("good").state, plugin_state::not_selected);
    EXPECT_FALSE(h.record("good").reason.empty());
    EXPECT_FALSE(is_mapped(fixture_library("good", "good")));
    EXPECT_EQ(h.logged("plugin 'not_installed' was asked for but is not installed").size(), 1u);
    EXPECT_EQ(h.logged("plugin 'beta' selected because 'alpha' depends on it").size(), 1u);
}

TEST(plugin_manager, no_plugins_loads_nothing)
{
    manager_harness h;
    h.manager.discover({fixture_case("good"), fixture_case("dependency_order")});
    h.manager.select({std::nullopt, true, false});
    h.manager.load_and_start(h.factory());
    for (auto const& r : h.manager.records()) {
        EXPECT_EQ(r.state, plugin_state::not_selected) << r.info.id;
        EXPECT_EQ(r.reason, "plugins are turned off (--no-plugins)");
    }
    EXPECT_EQ(h.manager.records().size(), 5u);
    EXPECT_TRUE(h.lines->empty());
    EXPECT_FALSE(is_mapped(fixture_library("good", "good")));
}

TEST(plugin_manager, front_end_starts_only_when_allowed)
{
    {
        manager_harness h;
        h.manager.discover({fixture_case("front_end"), fixture_case("good")});
        h.manager.select({});
        h.manager.load_and_start(h.factory());
        EXPECT_EQ(h.record("front").state, plugin_state::not_selected);
        EXPECT_TRUE(contains(h.record("front").reason, "front end"));
        EXPECT_TRUE(h.record("front").info.front_end);
        EXPECT_EQ(h.manager.running_in_order(), std::vector<std::string>{"good"});
    }
    {
        manager_harness h;
        h.manager.discover({fixture_case("front_end"), fixture_case("good")});
        h.manager.select({std::nullopt, false, true});
        h.manager.load_and_start(h.factory());
        EXPECT_EQ(h.manager.running_in_order(), (std::vector<std::string>{"front", "good"}));
    }
}

TEST(plugin_manager, earlier_folder_wins_a_duplicate_id)
{
    manager_harness h;
    h.manager.discover({fixture_case("good"), fixture_case("duplicate")});
    h.manager.load_and_start(h.factory());
    auto const records = h.manager.records();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].state, plugin_state::running);
    EXPECT_EQ(records[0].directory, fixture_case("good") / "good");
    EXPECT_EQ(records[1].state, plugin_state::refused);
    EXPECT_EQ(records[1].reason, "duplicate id: already found in " +
                                     (fixture_case("good") / "good").string() + ", ignoring " +
                                     (fixture_case("duplicate") / "good").string());
    EXPECT_EQ(h.logged("refused: duplicate id").size(), 1u);
    EXPECT_FALSE(is_mapped(fixture_library("duplicate", "good")));
}

TEST(plugin_manager, same_folder_twice_is_searched_once)
{
    manager_harness h;
    h.manager.discover({fixture_case("good"), fixture_case("good") / ".", fixture_case("does_not_exist")});
    EXPECT_EQ(h.manager.records().size(), 1u);
}

TEST(plugin_manager, load_only_checks_without_starting)
{
    manager_harness h;
    h.manager.discover({fixture_case("good"), fixture_case("wrong_major"), fixture_case("throws_in_start")});
    h.manager.load_only();
    EXPECT_EQ(h.record("good").state, plugin_state::loaded);
    EXPECT_EQ(h.record("throws_in_start").state, plugin_state::loaded) << "start() is not called";
    EXPECT_EQ(h.record("wrong_major").state, plugin_state::refused);
    EXPECT_TRUE(h.lines->empty());
    EXPECT_TRUE(h.manager.running_in_order().empty());
    h.manager.stop_all();
    EXPECT_FALSE(is_mapped(fixture_library("good", "good")));
}

TEST(plugin_manager, default_search_dirs_follow_the_install_layout_and_xdg)
{
    // Restores an environment variable when the test ends, however it ends.
    struct saved_env {
        explicit saved_env(char const* variable) : name(variable), had(std::getenv(variable) != nullptr)
        {
            if (had)
                value = std::getenv(variable);
        }
        ~saved_env()
        {
            if (had)
                ::setenv(name, value.c_str(), 1);
            else
                ::unsetenv(name);
        }
        char const* name;
        bool had;
        std::string value;
    };
    saved_env const xdg("XDG_DATA_HOME"), home("HOME");
    ::setenv("HOME", "/home/tester", 1);
    ::setenv("XDG_DATA_HOME", "/data/home", 1);
    // The layout CMake chose (GNUInstallDirs: lib, lib64 or lib/<multiarch>), not a guess of it.
    std::filesystem::path const prefix = "/opt/pt";
    auto const bindir = prefix / PICO_INSTALL_BINDIR;
    auto const plugin_dir = prefix / PICO_INSTALL_PLUGIN_DIR;
    auto dirs = plugins::plugin_manager::default_search_dirs(bindir);
    EXPECT_EQ(dirs, (std::vector<std::filesystem::path>{plugin_dir, "/data/home/picotorrent/plugins"}));
    ::setenv("XDG_DATA_HOME", "relative/is/ignored", 1);
    dirs = plugins::plugin_manager::default_search_dirs(bindir);
    EXPECT_EQ(dirs, (std::vector<std::filesystem::path>{plugin_dir,
                                                        "/home/tester/.local/share/picotorrent/plugins"}));
}

} // namespace
