#include "config/config_store.hpp"

#include "config/json_text.hpp"
#include "util/atomic_file.hpp"
#include "util/printable.hpp"

#include <system_error>
#include <utility>

namespace pico::config {
namespace {

// The file holds secrets (proxy password, WebSocket token): owner only.
constexpr unsigned file_mode = 0600;

std::filesystem::path original_copy_of(std::filesystem::path const& file)
{
    auto copy = file;
    copy += ".orig";
    return copy;
}

// Saving rewrites the file from the parsed document, which loses the user's comments. So before
// the first rewrite of a file that has comments, its text is kept as <file>.orig; an existing
// .orig is never overwritten (it is the user's oldest annotated version).
void keep_commented_original(std::filesystem::path const& file)
{
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return;
    auto const original = original_copy_of(file);
    if (std::filesystem::exists(original, ec) || ec)
        return;
    auto const text = util::read_file(file);
    if (has_comments(text))
        util::write_file_atomically(original, text, file_mode);
}

} // namespace

config_store::config_store(std::filesystem::path file, nlohmann::json document,
                           std::map<std::string, text_position> key_positions)
    : m_file(std::move(file)), m_document(std::move(document)), m_key_positions(std::move(key_positions))
{
}

config_store config_store::load(std::filesystem::path file, missing_file if_missing)
{
    std::error_code ec;
    auto const status = std::filesystem::status(file, ec);
    if (status.type() == std::filesystem::file_type::not_found) {
        if (if_missing == missing_file::is_error)
            throw config_error(util::printable(file.string(), 1000) + ": no such file");
        return config_store(std::move(file), nlohmann::json::object());
    }
    if (ec)
        throw config_error(file.string() + ": " + ec.message());
    if (std::filesystem::is_directory(status))
        throw config_error(file.string() + ": is a directory, not a configuration file");

    std::string text;
    try {
        text = util::read_file(file, max_json_file_bytes);
    } catch (std::system_error const& e) {
        if (e.code() == std::errc::file_too_large)
            throw config_error(util::printable(file.string(), 1000) + ": larger than " +
                               std::to_string(max_json_file_bytes / (1024 * 1024)) +
                               " MiB; this is not a configuration file");
        throw config_error(file.string() + ": cannot read: " + e.code().message());
    }
    // An empty file (or one with only comments) is an empty configuration, not a syntax error.
    auto document = is_blank(text) ? nlohmann::json::object() : parse_json_with_comments(text, file.string());
    try {
        validate_document(document);
    } catch (config_error const& e) {
        throw config_error(file.string() + ": " + e.what());
    }
    auto positions = pico::config::key_positions(text);
    return config_store(std::move(file), std::move(document), std::move(positions));
}

nlohmann::json config_store::value(std::string const& key) const
{
    auto it = m_document.find(key);
    return it == m_document.end() ? nlohmann::json() : *it;
}

namespace {

// "session.download_rate_limit" -> document["session"]["download_rate_limit"]. No schema key
// contains a dot inside a name, so a dotted key is always a path.
void set_path(nlohmann::json& document, std::string const& key, nlohmann::json value)
{
    nlohmann::json* node = &document;
    std::size_t start = 0;
    for (std::size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', start)) {
        std::string const part = key.substr(start, dot - start);
        auto it = node->find(part);
        if (it == node->end()) {
            if (value.is_null())
                return; // removing a key under a section that does not exist: nothing to do
            it = node->emplace(part, nlohmann::json::object()).first;
        } else if (!it->is_object()) {
            throw config_error(key.substr(0, dot) + ": must be an object");
        }
        node = &*it;
        start = dot + 1;
    }
    std::string const leaf = key.substr(start);
    if (leaf.empty())
        throw config_error("'" + key + "' is not a configuration key");
    if (value.is_null())
        node->erase(leaf);
    else
        (*node)[leaf] = std::move(value);
}

} // namespace

void config_store::set(std::string const& key, nlohmann::json value)
{
    auto document = m_document;
    set_path(document, key, std::move(value));
    try {
        validate_document(document, m_schema);
    } catch (config_error const& e) {
        throw config_error(m_file.string() + ": " + e.what());
    }
    write(m_file, document);
    m_document = std::move(document);
    m_key_positions.clear(); // the file was rewritten: positions no longer match
}

void config_store::add_plugin_keys(std::string const& plugin_id, std::vector<key_rule> rules)
{
    auto schema = m_schema;
    schema.add_plugin(plugin_id, std::move(rules));
    try {
        validate_document(m_document, schema);
    } catch (config_error const& e) {
        throw config_error(m_file.string() + ": " + e.what());
    }
    m_schema = std::move(schema);
}

void config_store::save() const
{
    write(m_file, m_document);
}

void config_store::write(std::filesystem::path const& file, nlohmann::json const& document)
{
    try {
        keep_commented_original(file);
        util::write_file_atomically(
            file, document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", file_mode);
    } catch (std::system_error const& e) {
        throw config_error(file.string() + ": cannot save: " + e.what());
    }
}

} // namespace pico::config
