#include "config_view.hpp"
#include "file_tree_model.hpp"
#include "formatting.hpp"
#include "gui_tests.hpp"
#include "metainfo.hpp"
#include "torrent_filter_model.hpp"
#include "torrent_list_model.hpp"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

using namespace pico;

namespace {

sdk::torrent_snapshot snapshot(std::string hash, std::string name, sdk::status_code code,
                               std::int64_t size = 1)
{
    sdk::torrent_snapshot t;
    t.info_hash = std::move(hash);
    t.name = std::move(name);
    t.status = code;
    t.size = size;
    return t;
}

} // namespace

void gui_models_test::status_text_names_every_reference_code()
{
    QSet<QString> seen;
    for (int code = 0; code <= 15; ++code) {
        auto const text = gui::status_text(static_cast<sdk::status_code>(code));
        QVERIFY2(text != QStringLiteral("Unknown"), qPrintable(QString::number(code)));
        seen.insert(text);
    }
    QCOMPARE(seen.size(), 16); // one distinct text per code
    QCOMPARE(gui::status_text(sdk::status_code::unknown), QStringLiteral("Unknown"));
}

void gui_models_test::list_model_follows_added_updated_removed()
{
    gui::torrent_list_model model;
    model.upsert(snapshot("aa", "first", sdk::status_code::downloading));
    model.upsert(snapshot("bb", "second", sdk::status_code::uploading));
    model.upsert(snapshot("cc", "third", sdk::status_code::error));
    QCOMPARE(model.rowCount(), 3);
    auto changed = snapshot("bb", "second", sdk::status_code::uploading_paused);
    changed.progress = 1.0;
    model.update({changed});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(1, gui::col_status).data().toString(), QStringLiteral("Finished"));
    model.remove("aa");
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.row_of("cc"), 1); // the index follows the rows that moved up
    QCOMPARE(model.index(model.row_of("cc"), gui::col_name).data().toString(), QStringLiteral("third"));
    model.remove("unknown");
    QCOMPARE(model.rowCount(), 2);
}

void gui_models_test::filter_model_filters_by_name_and_status_and_sorts_numerically()
{
    gui::torrent_list_model model;
    std::vector<sdk::torrent_snapshot> rows;
    for (int i = 0; i < 10000; ++i) {
        auto code = i % 4 == 0   ? sdk::status_code::downloading
                    : i % 4 == 1 ? sdk::status_code::uploading
                    : i % 4 == 2 ? sdk::status_code::downloading_paused
                                 : sdk::status_code::error;
        rows.push_back(snapshot(std::to_string(i), "torrent " + std::to_string(i), code, (i * 7919) % 10007));
    }
    model.reset(rows);
    gui::torrent_filter_model filter;
    filter.setSourceModel(&model);
    QCOMPARE(filter.rowCount(), 10000);
    filter.set_status_filter(gui::status_group::seeding);
    QCOMPARE(filter.rowCount(), 2500);
    filter.set_status_filter(gui::status_group::error);
    QCOMPARE(filter.rowCount(), 2500);
    filter.set_status_filter(std::nullopt);
    filter.set_name_filter(QStringLiteral("TORRENT 999"));
    QCOMPARE(filter.rowCount(), 11); // 999 and 9990..9999
    filter.set_name_filter({});
    filter.sort(gui::col_size, Qt::AscendingOrder);
    for (int r = 1; r < filter.rowCount(); ++r) {
        auto const a = filter.index(r - 1, gui::col_size).data(gui::sort_role).toLongLong();
        auto const b = filter.index(r, gui::col_size).data(gui::sort_role).toLongLong();
        QVERIFY(a <= b);
    }
}

void gui_models_test::name_sort_is_natural_and_follows_renames()
{
    gui::torrent_list_model model;
    model.reset({snapshot("a", "Episode 10", sdk::status_code::downloading, 1),
                 snapshot("b", "episode 2", sdk::status_code::downloading, 1),
                 snapshot("c", "Alpha", sdk::status_code::downloading, 1)});
    gui::torrent_filter_model filter;
    filter.setSourceModel(&model);
    filter.sort(gui::col_name, Qt::AscendingOrder);
    auto names = [&] {
        QStringList out;
        for (int r = 0; r < filter.rowCount(); ++r)
            out << filter.index(r, gui::col_name).data().toString();
        return out;
    };
    // Case-insensitive, numbers by value.
    QCOMPARE(names(), (QStringList{"Alpha", "episode 2", "Episode 10"}));
    // Metadata renames a torrent: its cached key follows, and the sorted view with it.
    model.update({snapshot("c", "Zulu", sdk::status_code::downloading, 1)});
    QCOMPARE(names(), (QStringList{"episode 2", "Episode 10", "Zulu"}));
    model.remove("b");
    model.upsert(snapshot("d", "episode 3", sdk::status_code::downloading, 1));
    QCOMPARE(names(), (QStringList{"episode 3", "Episode 10", "Zulu"}));
}

void gui_models_test::file_tree_of_20000_files_checks_and_keeps_pad_indices()
{
    std::vector<gui::file_row> files;
    for (int i = 0; i < 20000; ++i) {
        // Index i*2: every file is followed by a hidden pad file in the host's numbering.
        files.push_back(
            {i * 2, "root/dir" + std::to_string(i % 100) + "/file" + std::to_string(i), 1000, 4, 0.0});
    }
    gui::file_tree_model model;
    model.set_files(files, 40000);
    QCOMPARE(model.rowCount(), 1);
    auto const root = model.index(0, 0);
    QCOMPARE(model.rowCount(root), 100);
    QCOMPARE(root.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    // Unchecking one folder: its 200 files are skipped, the root becomes partial.
    auto const dir = model.index(0, 0, root);
    QVERIFY(model.setData(dir, Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(root.data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
    auto const p = model.priorities();
    QCOMPARE(p.size(), std::size_t(40000));
    QCOMPARE(std::count(p.begin(), p.end(), std::uint8_t(0)), 200);
    QCOMPARE(p[1], std::uint8_t(4)); // a pad file keeps the default
    QCOMPARE(model.wanted_size(), std::int64_t(19800) * 1000);
}

void gui_models_test::metainfo_parses_v1_multi_file_with_pad_files()
{
    std::string const t =
        "d4:infod5:filesld6:lengthi100e4:pathl5:a.bineed4:attr1:p6:lengthi924e4:pathl4:.pad3:924eed"
        "6:lengthi5e4:pathl3:sub5:b.txteee4:name4:root12:piece lengthi1024eee";
    std::string error;
    auto const m = gui::parse_metainfo(t, error);
    QVERIFY2(m.has_value(), error.c_str());
    QCOMPARE(m->name, std::string("root"));
    QCOMPARE(m->files.size(), std::size_t(3));
    QCOMPARE(m->files[0].path, std::string("root/a.bin"));
    QVERIFY(m->files[1].pad);
    QCOMPARE(m->files[2].path, std::string("root/sub/b.txt"));
    QCOMPARE(m->files[2].size, std::int64_t(5));
}

void gui_models_test::metainfo_refuses_garbage_with_one_line()
{
    std::string error;
    QVERIFY(!gui::parse_metainfo("d4:infoi3e", error).has_value());
    QVERIFY(error.rfind("not a valid torrent file: ", 0) == 0);
    QVERIFY(error.find('\n') == std::string::npos);
    QVERIFY(!gui::parse_metainfo(std::string(100000, 'l'), error).has_value()); // deep nesting, no crash
}

void gui_models_test::config_view_reads_show_add_torrent_dialog_and_proxy_force()
{
    QVERIFY(gui::read_config_view("{}").show_add_dialog);
    QVERIFY(!gui::read_config_view(R"({"ui":{"show_add_torrent_dialog":false}})").show_add_dialog);
    QVERIFY(gui::read_config_view(R"({"proxy":{"type":"socks5","force":true}})").proxy_forced);
    QVERIFY(!gui::read_config_view(R"({"proxy":{"type":"none","force":true}})").proxy_forced);
    QCOMPARE(gui::read_config_view(R"({"session":{"listen_interfaces":"127.0.0.1:1"}})").listen,
             std::string("127.0.0.1:1"));
}
