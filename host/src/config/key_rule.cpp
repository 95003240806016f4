#include "config/key_rule.hpp"

#include "config/config_error.hpp"
#include "util/printable.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace pico::config {
namespace {

using json = nlohmann::json;

[[noreturn]] void expected(std::string_view key, std::string_view what, json const& got)
{
    fail_at_key(key, "expected " + std::string(what) + ", got " + describe_value(got));
}

// A string that must be one of `names`: "expected \"a\", \"b\" or \"c\", got ...".
void check_one_of(std::string_view key, json const& v, std::vector<std::string> const& names)
{
    for (auto const& name : names) {
        if (v.is_string() && v.get_ref<std::string const&>() == name)
            return;
    }
    std::string list;
    std::size_t i = 0;
    for (auto const& name : names) {
        list += (i == 0 ? "" : (i + 1 == names.size() ? " or " : ", "));
        list += '"';
        list += name;
        list += '"';
        ++i;
    }
    fail_at_key(key, "expected " + list + ", got " +
                         (v.is_string() ? "\"" + util::printable(v.get<std::string>(), 100) + "\""
                                        : describe_value(v)));
}

void check_integer(std::string_view key, json const& v, std::int64_t low, std::int64_t high,
                   std::string_view what)
{
    if (!v.is_number_integer())
        expected(key, what, v);
    // Unsigned values above INT64_MAX are out of range however they compare as signed.
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(high))
        expected(key, what, v);
    auto const n = v.get<std::int64_t>();
    if (n < low || n > high)
        expected(key, what, v);
}

// libtorrent's listen_interfaces: comma-separated HOST:PORT with an optional "s" (SSL) or
// "l" (local) suffix; HOST is an IPv4 address, a [bracketed] IPv6 address or a device name.
// An empty string is valid: the session then makes outgoing connections only.
bool is_listen_entry(std::string_view entry)
{
    while (!entry.empty() && entry.front() == ' ')
        entry.remove_prefix(1);
    while (!entry.empty() && (entry.back() == ' ' || entry.back() == 's' || entry.back() == 'l'))
        entry.remove_suffix(1);
    auto const colon = entry.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == entry.size() ||
        colon + 6 < entry.size())
        return false;
    auto const host = entry.substr(0, colon);
    if (host.front() == '[' ? host.back() != ']' : host.find_first_of("[]:") != std::string_view::npos)
        return false;
    long port = 0;
    for (char c : entry.substr(colon + 1)) {
        if (c < '0' || c > '9')
            return false;
        port = port * 10 + (c - '0');
    }
    return port <= 65535;
}

void check_listen_interfaces(std::string_view key, std::string_view value)
{
    if (value.find_first_not_of(' ') == std::string_view::npos)
        return;
    std::size_t start = 0;
    while (true) {
        auto const comma = value.find(',', start);
        auto const entry =
            value.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        if (!is_listen_entry(entry))
            fail_at_key(key, "\"" + util::printable(entry, 100) +
                                 "\" is not HOST:PORT (e.g. \"0.0.0.0:6881,[::]:6881\")");
        if (comma == std::string_view::npos)
            return;
        start = comma + 1;
    }
}

void check_kind(std::string_view key, key_rule const& rule, json const& v);

// [{"name": ..., "pattern": ...}, ...]: each element an object with the required members; each
// member that is present (and not null) follows its field's rule. Other members are the
// owner's business (they are reported as unknown keys, not refused).
void check_object_list(std::string_view key, key_rule const& rule, json const& v)
{
    if (!v.is_array())
        expected(key, "an array of objects", v);
    for (std::size_t i = 0; i < v.size(); ++i) {
        auto const at = std::string(key) + "[" + std::to_string(i) + "]";
        auto const& element = v[i];
        if (!element.is_object())
            expected(at, "an object", element);
        for (auto const& name : rule.required) {
            auto it = element.find(name);
            if (it == element.end() || it->is_null())
                fail_at_key(at, "missing \"" + name + "\"");
        }
        for (auto const& field : rule.fields) {
            if (auto it = element.find(field.key); it != element.end() && !it->is_null())
                check_kind(at + "." + field.key, field, *it);
        }
    }
}

void check_kind(std::string_view key, key_rule const& rule, json const& v)
{
    switch (rule.kind) {
    case value_kind::boolean:
        if (!v.is_boolean())
            expected(key, "true or false", v);
        break;
    case value_kind::integer:
        check_integer(key, v, std::numeric_limits<int>::min(), std::numeric_limits<int>::max(), "an integer");
        break;
    case value_kind::port:
        check_integer(key, v, 0, 65535, "a port number (0-65535)");
        break;
    case value_kind::rate_limit:
        check_integer(key, v, 0, std::numeric_limits<int>::max(),
                      "bytes per second (an integer >= 0; 0: unlimited)");
        break;
    case value_kind::string:
        if (!v.is_string())
            expected(key, "a string", v);
        break;
    case value_kind::non_empty_string:
        if (!v.is_string())
            expected(key, "a string", v);
        if (v.get_ref<std::string const&>().empty())
            fail_at_key(key, "must not be empty");
        break;
    case value_kind::string_list:
    case value_kind::id_list:
        if (!v.is_array())
            expected(key, "an array of strings", v);
        for (std::size_t i = 0; i < v.size(); ++i) {
            key_rule element;
            element.kind =
                rule.kind == value_kind::id_list ? value_kind::non_empty_string : value_kind::string;
            check_kind(std::string(key) + "[" + std::to_string(i) + "]", element, v[i]);
        }
        break;
    case value_kind::non_negative_number:
        if (!v.is_number() || !(v.get<double>() >= 0))
            expected(key, "a number >= 0", v);
        break;
    case value_kind::positive_number:
        if (!v.is_number() || !(v.get<double>() > 0))
            expected(key, "a number greater than 0", v);
        break;
    case value_kind::choice:
        check_one_of(key, v, rule.choices);
        break;
    case value_kind::listen_interfaces:
        if (!v.is_string())
            expected(key, "a string like \"0.0.0.0:6881,[::]:6881\"", v);
        check_listen_interfaces(key, v.get_ref<std::string const&>());
        break;
    case value_kind::object_list:
        check_object_list(key, rule, v);
        break;
    }
}

// The kinds by their plugin.json names.
constexpr std::pair<std::string_view, value_kind> kind_names[] = {
    {"boolean", value_kind::boolean},
    {"integer", value_kind::integer},
    {"port", value_kind::port},
    {"string", value_kind::string},
    {"non_empty_string", value_kind::non_empty_string},
    {"string_list", value_kind::string_list},
    {"id_list", value_kind::id_list},
    {"rate_limit", value_kind::rate_limit},
    {"non_negative_number", value_kind::non_negative_number},
    {"positive_number", value_kind::positive_number},
    {"choice", value_kind::choice},
    {"listen_interfaces", value_kind::listen_interfaces},
    {"object_list", value_kind::object_list},
};

std::string kind_list()
{
    std::string out;
    for (auto const& [name, kind] : kind_names)
        out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

std::vector<std::string> string_array(json const& v, std::string const& at)
{
    if (!v.is_array())
        expected(at, "an array of strings", v);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_string() || v[i].get_ref<std::string const&>().empty())
            expected(at + "[" + std::to_string(i) + "]", "a non-empty string", v[i]);
        out.push_back(v[i].get<std::string>());
    }
    return out;
}

// Names of keys and members: lowercase words joined by "_" and, for keys, ".".
bool valid_key_name(std::string_view name, bool dotted)
{
    if (name.empty() || name.size() > 128 || name.front() == '.' || name.back() == '.')
        return false;
    char previous = '.';
    for (char c : name) {
        bool const ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9' && previous != '.') || c == '_' ||
                        (dotted && c == '.' && previous != '.');
        if (!ok)
            return false;
        previous = c;
    }
    return true;
}

key_rule parse_rule(json const& declared, std::string const& at, bool dotted, int depth)
{
    if (!declared.is_object())
        expected(at, "an object with \"key\" and \"type\"", declared);
    key_rule rule;
    auto const key = declared.find("key");
    if (key == declared.end() || !key->is_string() ||
        !valid_key_name(key->get_ref<std::string const&>(), dotted))
        fail_at_key(at + ".key", dotted
                                     ? "expected a dotted key of lowercase words (\"websocket.listen_port\")"
                                     : "expected a member name of lowercase words (\"pattern\")");
    rule.key = key->get<std::string>();
    auto const type = declared.find("type");
    if (type == declared.end() || !type->is_string())
        fail_at_key(at + ".type", "expected one of " + kind_list());
    auto const named = std::find_if(std::begin(kind_names), std::end(kind_names), [&](auto const& entry) {
        return entry.first == type->get_ref<std::string const&>();
    });
    if (named == std::end(kind_names))
        fail_at_key(at + ".type", "unknown type \"" + util::printable(type->get<std::string>(), 60) +
                                      "\" (one of " + kind_list() + ")");
    rule.kind = named->second;
    if (auto it = declared.find("choices"); it != declared.end())
        rule.choices = string_array(*it, at + ".choices");
    if (rule.kind == value_kind::choice && rule.choices.empty())
        fail_at_key(at + ".choices", "a choice needs the strings it accepts");
    if (rule.kind == value_kind::object_list) {
        if (depth > 0)
            fail_at_key(at + ".type", "an object_list cannot be nested in another");
        auto const fields = declared.find("fields");
        if (fields == declared.end() || !fields->is_array() || fields->empty())
            fail_at_key(at + ".fields", "an object_list needs its members' rules");
        for (std::size_t i = 0; i < fields->size(); ++i)
            rule.fields.push_back(
                parse_rule((*fields)[i], at + ".fields[" + std::to_string(i) + "]", false, depth + 1));
        if (auto it = declared.find("required"); it != declared.end())
            rule.required = string_array(*it, at + ".required");
    }
    if (auto it = declared.find("secret"); it != declared.end()) {
        if (!it->is_boolean())
            expected(at + ".secret", "true or false", *it);
        rule.secret = it->get<bool>();
    }
    if (auto it = declared.find("default"); it != declared.end() && !it->is_null()) {
        check_kind(at + ".default", rule, *it);
        rule.default_value = *it;
    }
    return rule;
}

} // namespace

std::string describe_value(nlohmann::json const& v)
{
    switch (v.type()) {
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return "integer " + v.dump();
    case json::value_t::number_float:
        return "number " + v.dump();
    case json::value_t::string:
        return "string";
    default:
        return v.type_name();
    }
}

void check_value(std::string_view key, key_rule const& rule, nlohmann::json const& value)
{
    check_kind(key, rule, value);
}

std::vector<key_rule> parse_key_rules(nlohmann::json const& declared)
{
    if (!declared.is_array())
        expected("config", "an array of key rules", declared);
    std::vector<key_rule> out;
    for (std::size_t i = 0; i < declared.size(); ++i) {
        out.push_back(parse_rule(declared[i], "config[" + std::to_string(i) + "]", true, 0));
        for (std::size_t j = 0; j + 1 < out.size(); ++j) {
            if (out[j].key == out.back().key)
                fail_at_key("config[" + std::to_string(i) + "].key",
                            "\"" + out.back().key + "\" is declared twice");
        }
    }
    return out;
}

} // namespace pico::config
