// config_store: loading, parse and type errors, atomic saves with mode 0600, the .orig copy.
#include "config/config_store.hpp"
#include "config/json_text.hpp"
#include "config_test_support.hpp"
#include "in_tree_schema.hpp"

#include <gtest/gtest.h>
#include <set>
#include <sys/stat.h>

namespace pico::config {
namespace {

using test::read_text;
using test::temp_dir;
using test::write_text;

std::string load_error(std::filesystem::path const& file)
{
    try {
        config_store::load(file);
    } catch (config_error const& e) {
        return e.what();
    }
    return "(loaded)";
}

std::set<std::string> names_in(std::filesystem::path const& dir)
{
    std::set<std::string> names;
    for (auto const& entry : std::filesystem::directory_iterator(dir))
        names.insert(entry.path().filename().string());
    return names;
}

unsigned mode_of(std::filesystem::path const& file)
{
    struct stat st {};
    EXPECT_EQ(::stat(file.c_str(), &st), 0);
    return st.st_mode & 07777U;
}

TEST(config_store, missing_file_is_an_empty_document_and_is_not_created)
{
    temp_dir dir;
    auto const store = config_store::load(dir / "PicoTorrent.json");
    EXPECT_EQ(store.document(), nlohmann::json::object());
    EXPECT_EQ(store.file(), dir / "PicoTorrent.json");
    EXPECT_TRUE(store.value("session").is_null());
    EXPECT_FALSE(std::filesystem::exists(dir / "PicoTorrent.json"));
}

TEST(config_store, empty_or_comment_only_file_is_an_empty_document)
{
    temp_dir dir;
    write_text(dir / "a.json", "");
    write_text(dir / "b.json", "// nothing configured yet\n");
    EXPECT_EQ(config_store::load(dir / "a.json").document(), nlohmann::json::object());
    EXPECT_EQ(config_store::load(dir / "b.json").document(), nlohmann::json::object());
}

TEST(config_store, loads_comments_and_keeps_unknown_keys)
{
    temp_dir dir;
    write_text(dir / "c.json",
               "{\n  // mine\n  \"my_plugin\": { \"x\": [1, 2] }, /* and */ \"save_path\": \"/data\"\n}\n");
    auto const store = config_store::load(dir / "c.json");
    EXPECT_EQ(store.value("my_plugin"), nlohmann::json::parse(R"({"x":[1,2]})"));
    EXPECT_EQ(store.value("save_path"), "/data");
}

TEST(config_store, parse_error_names_file_line_and_column)
{
    temp_dir dir;
    auto const file = dir / "PicoTorrent.json";
    write_text(file, "{\n  \"session\": {\n    \"active_downloads\": 3\n    \"active_seeds\": 5\n  }\n}\n");
    EXPECT_EQ(load_error(file), file.string() + ":4:5: expected ',' or '}'");
}

TEST(config_store, file_is_untouched_after_a_failed_parse)
{
    temp_dir dir;
    auto const file = dir / "PicoTorrent.json";
    std::string const broken = "{ \"session\": { \"enable_dht\": false, } // oops\n";
    write_text(file, broken);
    ::chmod(file.c_str(), 0644);
    auto const before = std::filesystem::last_write_time(file);
    EXPECT_NE(load_error(file), "(loaded)");
    EXPECT_EQ(read_text(file), broken);
    EXPECT_EQ(std::filesystem::last_write_time(file), before);
    EXPECT_EQ(mode_of(file), 0644U);
    EXPECT_EQ(names_in(dir.path()), std::set<std::string>{"PicoTorrent.json"});
}

TEST(config_store, type_error_names_file_and_dotted_key)
{
    temp_dir dir;
    auto const file = dir / "PicoTorrent.json";
    write_text(file, R"({ "session": { "active_downloads": "3" } })");
    EXPECT_EQ(load_error(file),
              file.string() + ": session.active_downloads: expected an integer, got string");
    write_text(file, R"([1, 2])");
    EXPECT_EQ(load_error(file), file.string() + ": (top level): expected an object, got array");
}

TEST(config_store, directory_is_reported_not_read)
{
    temp_dir dir;
    std::filesystem::create_directory(dir / "PicoTorrent.json");
    EXPECT_EQ(load_error(dir / "PicoTorrent.json"),
              (dir / "PicoTorrent.json").string() + ": is a directory, not a configuration file");
}

TEST(config_store, save_replaces_content_atomically_with_mode_0600)
{
    temp_dir dir;
    auto const file = dir / "PicoTorrent.json";
    write_text(file, R"({"save_path": "/old"})");
    ::chmod(file.c_str(), 0644);
    auto store = config_store::load(file);
    store.set("save_path", "/new");
    EXPECT_EQ(nlohmann::json::parse(read_text(file)), nlohmann::json::parse(R"({"save_path": "/new"})"));
    EXPECT_EQ(mode_of(file), 0600U);
    // No temporary file is left behind, and no .orig: the original had no comments.
    EXPECT_EQ(names_in(dir.path()), std::set<std::string>{"PicoTorrent.json"});
    EXPECT_EQ(config_store::load(file).document(), store.document());
}

TEST(config_store, first_save_creates_the_file_and_its_folder)
{
    temp_dir dir;
    auto const file = dir / "picotorrent" / "PicoTorrent.json";
    auto store = config_store::load(file);
    store.set("plugins", nlohmann::json::array({"websocket"}));
    EXPECT_EQ(config_store::load(file).value("plugins"), nlohmann::json::array({"websocket"}));
    EXPECT_EQ(mode_of(file), 0600U);
    EXPECT_EQ(names_in(dir / "picotorrent"), std::set<std::string>{"PicoTorrent.json"});
}

TEST(config_store, commented_original_is_kept_once_as_orig)
{
    temp_dir dir;
    auto const file = dir / "PicoTorrent.json";
    std::string const original = "{\n  // my notes\n  \"save_path\": \"/a\"\n}\n";
    write_text(file, original);
    auto store = config_store::load(file);
    store.set("save_path", "/b");
    EXPECT_EQ(read_text(dir / "PicoTorrent.json.orig"), original);
    EXPECT_EQ(mode_of(dir / "PicoTorrent.json.orig"), 0600U);
    EXPECT_FALSE(has_comments(read_text(file)));

    // The user adds comments again: the existing .orig is not overwritten.
    write_text(file, "{ /* newer notes */ \"save_path\": \"/c\" }");
    auto again = config_store::load(file);
    again.save();
    EXPECT_EQ(read_text(dir / "PicoTorrent.json.orig"), original);
    EXPECT_EQ(config_store::load(file).value("save_path"), "/c");
    EXPECT_EQ(names_in(dir.path()), (std::set<std::string>{"PicoTorrent.json", "PicoTorrent.json.orig"}));
}

TEST(config_store, invalid_set_changes_neither_document_nor_file)
{
    temp_dir dir;
    auto const file = dir / "PicoTorrent.json";
    write_text(file, R"({"websocket": {"listen_port": 7676}})");
    auto store = test::load_with_in_tree_plugins(file);
    auto const text = read_text(file);
    try {
        store.set("websocket", nlohmann::json::parse(R"({"listen_port": 70000})"));
        FAIL() << "expected config_error";
    } catch (config_error const& e) {
        EXPECT_EQ(std::string(e.what()),
                  file.string() +
                      ": websocket.listen_port: expected a port number (0-65535), got integer 70000");
    }
    EXPECT_EQ(store.value("websocket"), nlohmann::json::parse(R"({"listen_port": 7676})"));
    EXPECT_EQ(read_text(file), text);
}

TEST(config_store, set_null_removes_the_key)
{
    temp_dir dir;
    auto const file = dir / "PicoTorrent.json";
    write_text(file, R"({"ignored_update": "1.2.3", "update_url": "http://127.0.0.1:1/latest"})");
    auto store = config_store::load(file);
    store.set("ignored_update", nullptr);
    EXPECT_EQ(config_store::load(file).document(),
              nlohmann::json::parse(R"({"update_url": "http://127.0.0.1:1/latest"})"));
}

TEST(config_store, failed_save_is_a_config_error_and_keeps_the_document)
{
    temp_dir dir;
    // The folder the file should live in is a regular file: no save can succeed (even as root).
    write_text(dir / "not_a_folder", "x");
    auto const file = dir / "not_a_folder" / "PicoTorrent.json";
    auto store = config_store::load(file);
    try {
        store.set("save_path", "/x");
        FAIL() << "expected config_error";
    } catch (config_error const& e) {
        EXPECT_EQ(std::string(e.what()).rfind(file.string() + ": cannot save: ", 0), 0u) << e.what();
    }
    EXPECT_TRUE(store.value("save_path").is_null());
    EXPECT_EQ(read_text(dir / "not_a_folder"), "x");
}

} // namespace
} // namespace pico::config
