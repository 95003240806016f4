// The key rules a plugin declares in plugin.json: what is accepted, and the one-line errors for
// a schema that cannot be used (the plugin is then refused, see manifest_test).
#include "config/config_error.hpp"
#include "config/key_rule.hpp"

#include <gtest/gtest.h>

namespace pico::config {
namespace {

using json = nlohmann::json;

std::string schema_error(char const* declared)
{
    try {
        (void)parse_key_rules(json::parse(declared));
    } catch (config_error const& e) {
        return e.what();
    }
    return "(valid)";
}

TEST(key_rule, reads_every_field)
{
    auto const rules = parse_key_rules(json::parse(R"([
        {"key": "mine.mode", "type": "choice", "choices": ["a", "b"], "default": "a"},
        {"key": "mine.secret", "type": "string", "secret": true},
        {"key": "mine_list", "type": "object_list", "default": [],
         "fields": [{"key": "name", "type": "non_empty_string"}], "required": ["name"]}])"));
    ASSERT_EQ(rules.size(), 3u);
    EXPECT_EQ(rules[0].kind, value_kind::choice);
    EXPECT_EQ(rules[0].choices, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(rules[0].default_value, "a");
    EXPECT_TRUE(rules[1].secret);
    EXPECT_TRUE(rules[1].default_value.is_null());
    EXPECT_EQ(rules[2].fields.at(0).key, "name");
    EXPECT_EQ(rules[2].required, (std::vector<std::string>{"name"}));
}

TEST(key_rule, refuses_unusable_schemas_in_one_line)
{
    EXPECT_EQ(schema_error(R"({"key": "a"})"), "config: expected an array of key rules, got object");
    EXPECT_EQ(
        schema_error(R"([{"key": "a.b", "type": "bool"}])"),
        "config[0].type: unknown type \"bool\" (one of boolean, integer, port, string, non_empty_string, "
        "string_list, id_list, rate_limit, non_negative_number, positive_number, choice, "
        "listen_interfaces, object_list)");
    EXPECT_EQ(schema_error(R"([{"key": "A.b", "type": "string"}])"),
              "config[0].key: expected a dotted key of lowercase words (\"websocket.listen_port\")");
    EXPECT_EQ(schema_error(R"([{"key": "a..b", "type": "string"}])"),
              "config[0].key: expected a dotted key of lowercase words (\"websocket.listen_port\")");
    EXPECT_EQ(schema_error(R"([{"key": "a.port", "type": "port", "default": 70000}])"),
              "config[0].default: expected a port number (0-65535), got integer 70000");
    EXPECT_EQ(schema_error(R"([{"key": "a.mode", "type": "choice"}])"),
              "config[0].choices: a choice needs the strings it accepts");
    EXPECT_EQ(schema_error(R"([{"key": "a.b", "type": "string"}, {"key": "a.b", "type": "port"}])"),
              "config[1].key: \"a.b\" is declared twice");
    EXPECT_EQ(schema_error(R"([{"key": "a", "type": "object_list", "fields": [
                  {"key": "inner", "type": "object_list", "fields": [{"key": "x", "type": "string"}]}]}])"),
              "config[0].fields[0].type: an object_list cannot be nested in another");
    EXPECT_EQ(schema_error(R"([{"key": "a.b", "type": "string", "secret": "yes"}])"),
              "config[0].secret: expected true or false, got string");
}

TEST(key_rule, object_lists_check_required_members_and_their_types)
{
    auto const rules = parse_key_rules(json::parse(R"([{"key": "filters", "type": "object_list",
        "fields": [{"key": "name", "type": "non_empty_string"}, {"key": "apply", "type": "choice",
                    "choices": ["include", "exclude"]}], "required": ["name"]}])"));
    auto const error = [&](char const* value) -> std::string {
        try {
            check_value("filters", rules.at(0), json::parse(value));
        } catch (config_error const& e) {
            return e.what();
        }
        return "(valid)";
    };
    EXPECT_EQ(error(R"([{"name": "x", "apply": "include", "other": 1}])"), "(valid)");
    EXPECT_EQ(error(R"([{"apply": "include"}])"), "filters[0]: missing \"name\"");
    EXPECT_EQ(error(R"([{"name": ""}])"), "filters[0].name: must not be empty");
    EXPECT_EQ(error(R"([{"name": "x"}, 3])"), "filters[1]: expected an object, got integer 3");
}

} // namespace
} // namespace pico::config
