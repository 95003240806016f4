// One configuration key's rule (type, default, secrecy) and the checks of a value against it.
// The host declares its own keys (config_schema.cpp); each plugin declares its section's keys
// in its plugin.json ("config"), and the host checks those the same way without loading it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace pico::config {

/// What a key's value must be. The names in plugin.json are the enumerators' names.
enum class value_kind {
    boolean,
    integer,             // fits a libtorrent int setting
    port,                // 0..65535
    string,              //
    non_empty_string,    //
    string_list,         // array of strings
    id_list,             // array of non-empty strings
    rate_limit,          // bytes per second, 0..INT_MAX (0: unlimited)
    non_negative_number, // integer or fraction, >= 0
    positive_number,     // integer or fraction, > 0
    choice,              // one of key_rule::choices
    listen_interfaces,   // libtorrent's "HOST:PORT[s|l],..." syntax
    object_list,         // array of objects whose members follow key_rule::fields
};

/// One key: its dotted name ("websocket.listen_port"), what its value must be, and its
/// default (null: absent unless the user sets it).
struct key_rule {
    std::string key;
    value_kind kind = value_kind::string;
    nlohmann::json default_value;
    /// For value_kind::choice: the accepted strings.
    std::vector<std::string> choices;
    /// For value_kind::object_list: each object's members (their `key` is the member name).
    std::vector<key_rule> fields;
    /// For value_kind::object_list: the members every object must have.
    std::vector<std::string> required;
    /// Shown as "********" by `config show` (passwords: they end up in bug reports otherwise).
    bool secret = false;
};

/// What the user wrote, for "expected X, got Y": "integer 5", "number 2.5", "string", "array".
std::string describe_value(nlohmann::json const& value);

/// Throws config_error "KEY: expected ..., got ..." when `value` does not follow `rule`.
void check_value(std::string_view key, key_rule const& rule, nlohmann::json const& value);

/// The rules a plugin declares in its manifest: an array of objects {"key", "type", and
/// optionally "default", "choices", "fields", "required", "secret"}. Checks that each default
/// follows its own rule. Throws config_error "config[I].FIELD: what is wrong".
std::vector<key_rule> parse_key_rules(nlohmann::json const& declared);

} // namespace pico::config
