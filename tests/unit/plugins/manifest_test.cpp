#include "plugins/manifest.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace {

using pico::plugins::manifest_error;
using pico::plugins::parse_manifest;

// The error a manifest produces, or "" when it is valid.
std::string error_of(std::string const& json)
{
    try {
        parse_manifest(json, "/p/x/plugin.json");
    } catch (manifest_error const& e) {
        return e.what();
    }
    return {};
}

TEST(manifest, reads_every_field)
{
    auto const m = parse_manifest(R"({
        // comments are fine, as in PicoTorrent.json
        "id": "file_filters", "name": "File filters", "version": "1.2.3-beta",
        "sdk_version": "1.0.0", "description": "Skips files", "depends": ["proxy", "updater"],
        "front_end": true, "front_end_before_restore": true, "library": "libfile_filters.so", "fail_closed": true,
        "options": ["include", "exclude", "dry-run"]
    })",
                                  "x");
    EXPECT_EQ(m.id, "file_filters");
    EXPECT_EQ(m.name, "File filters");
    EXPECT_EQ(m.version, "1.2.3-beta");
    EXPECT_EQ(m.sdk_version, "1.0.0");
    EXPECT_EQ(m.description, "Skips files");
    EXPECT_EQ(m.depends, (std::vector<std::string>{"proxy", "updater"}));
    EXPECT_TRUE(m.front_end);
    EXPECT_TRUE(m.front_end_before_restore);
    EXPECT_EQ(m.library, "libfile_filters.so");
    EXPECT_TRUE(m.fail_closed);
    EXPECT_EQ(m.options, (std::vector<std::string>{"include", "exclude", "dry-run"}));
}

TEST(manifest, optional_fields_have_defaults)
{
    auto const m = parse_manifest(
        R"({"id": "proxy", "name": "Proxy", "version": "0.1.0", "sdk_version": "1.0.0"})", "x");
    EXPECT_EQ(m.library, "proxy.so");
    EXPECT_TRUE(m.depends.empty());
    EXPECT_FALSE(m.front_end);
    EXPECT_FALSE(m.front_end_before_restore);
    EXPECT_FALSE(m.fail_closed);
    EXPECT_TRUE(m.options.empty());
    EXPECT_EQ(m.description, "");
}

TEST(manifest, each_problem_is_one_line_naming_the_file_and_the_field)
{
    std::string const ok_rest = R"("name": "N", "version": "1.0.0", "sdk_version": "1.0.0")";
    struct bad_case {
        std::string json;
        std::string error;
    };
    std::vector<bad_case> const cases{
        {"{", "/p/x/plugin.json: invalid JSON: "},
        {"[]", "/p/x/plugin.json: must be a JSON object, got array"},
        {"{" + ok_rest + "}", "/p/x/plugin.json: missing field 'id'"},
        {R"({"id": 5, )" + ok_rest + "}", "/p/x/plugin.json: field 'id' must be a string, got number"},
        {R"({"id": "Bad-Id", )" + ok_rest + "}", "/p/x/plugin.json: field 'id' must match [a-z][a-z0-9_]*"},
        {R"({"id": "a", "name": "N", "sdk_version": "1.0.0"})", "/p/x/plugin.json: missing field 'version'"},
        {R"({"id": "a", "name": "N", "version": "1.0", "sdk_version": "1.0.0"})",
         "/p/x/plugin.json: field 'version' must be a semantic version like 1.2.3, got \"1.0\""},
        {R"({"id": "a", "name": "N", "version": "1.0.0", "sdk_version": 1})",
         "/p/x/plugin.json: field 'sdk_version' must be a string, got number"},
        {R"({"id": "a", "name": "N", "version": "1.0.0", "sdk_version": "1.0.0-rc1"})",
         "/p/x/plugin.json: field 'sdk_version' must be an SDK version like 1.0.0, got \"1.0.0-rc1\""},
        {R"({"id": "a", )" + ok_rest + R"(, "depends": "b"})",
         "/p/x/plugin.json: field 'depends' must be an array of plugin ids, got string"},
        {R"({"id": "a", )" + ok_rest + R"(, "depends": [1]})",
         "/p/x/plugin.json: field 'depends' must contain only strings, got number"},
        {R"({"id": "a", )" + ok_rest + R"(, "depends": ["B"]})",
         "/p/x/plugin.json: field 'depends' must contain plugin ids, got \"B\""},
        {R"({"id": "a", )" + ok_rest + R"(, "front_end": "yes"})",
         "/p/x/plugin.json: field 'front_end' must be true or false, got string"},
        {R"({"id": "a", )" + ok_rest + R"(, "front_end_before_restore": true})",
         "/p/x/plugin.json: field 'front_end_before_restore' needs \"front_end\": true"},
        {R"({"id": "a", )" + ok_rest + R"(, "fail_closed": 1})",
         "/p/x/plugin.json: field 'fail_closed' must be true or false, got number"},
        {R"({"id": "a", )" + ok_rest + R"(, "options": "include"})",
         "/p/x/plugin.json: field 'options' must be an array of option names, got string"},
        {R"({"id": "a", )" + ok_rest + R"(, "options": [true]})",
         "/p/x/plugin.json: field 'options' must contain only strings, got boolean"},
        {R"({"id": "a", )" + ok_rest + R"(, "options": ["--include"]})",
         "/p/x/plugin.json: field 'options' must contain option names without dashes like \"include\", got "
         "\"--include\""},
        {R"({"id": "a", )" + ok_rest + R"(, "options": ["Include"]})",
         "/p/x/plugin.json: field 'options' must contain option names without dashes"},
        {R"({"id": "a", )" + ok_rest + R"(, "library": "../../evil.so"})",
         "/p/x/plugin.json: field 'library' must be a file name beside plugin.json"},
        {R"({"id": "a", "name": "", "version": "1.0.0", "sdk_version": "1.0.0"})",
         "/p/x/plugin.json: field 'name' must not be empty"},
    };
    for (auto const& c : cases) {
        auto const error = error_of(c.json);
        EXPECT_EQ(error.rfind(c.error, 0), 0u) << "manifest: " << c.json << "\nerror: " << error;
        EXPECT_EQ(error.find('\n'), std::string::npos) << error;
    }
}

TEST(manifest, unreadable_file_names_the_path)
{
    auto const missing = std::filesystem::temp_directory_path() / "pico-no-such-dir" / "plugin.json";
    try {
        pico::plugins::read_manifest(missing);
        FAIL() << "no error";
    } catch (manifest_error const& e) {
        EXPECT_EQ(std::string(e.what()), missing.string() + ": cannot read: No such file or directory");
    }
}

TEST(manifest, reads_a_file)
{
    auto const dir =
        std::filesystem::temp_directory_path() / ("pico-manifest-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "plugin.json")
        << R"({"id": "a", "name": "A", "version": "1.0.0", "sdk_version": "1.0.0"})";
    auto const m = pico::plugins::read_manifest(dir / "plugin.json");
    std::filesystem::remove_all(dir);
    EXPECT_EQ(m.id, "a");
}

} // namespace
