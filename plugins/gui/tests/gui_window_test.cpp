#include "add_torrent_dialog.hpp"
#include "details_pane.hpp"
#include "gui_tests.hpp"
#include "main_window.hpp"
#include "single_instance.hpp"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLocalSocket>
#include <QMessageBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <picotorrent/sdk/testing/fake_host.hpp>
#include <regex>

using namespace pico;

namespace {

/// A file_filters service with the real one's contract: a name, else a regex over whole paths.
class regex_filters final : public file_filters::file_filters_service {
  public:
    std::vector<file_filters::filter> filters() const override { return {{"videos", R"(.*\.mkv)", {}, {}}}; }
    file_filters::match_result match(std::string const& f,
                                     std::vector<std::string> const& paths) const override
    {
        std::regex const re(f == "videos" ? std::string(R"(.*\.mkv)") : f);
        file_filters::match_result r;
        r.ok = true;
        for (auto const& p : paths)
            r.matches.push_back(std::regex_match(p, re));
        return r;
    }
};

struct window_fixture {
    QTemporaryDir dir;
    sdk::testing::fake_host host;
    gui::gui_bridge bridge;
    gui::host_link link{
        host,         bridge, std::make_shared<regex_filters>(), nullptr, dir.path().toStdString(),
        "/downloads", nullptr};

    void fill(gui::main_window& w, int n, bool show_dialog = true)
    {
        gui::initial_state s;
        for (int i = 0; i < n; ++i) {
            sdk::torrent_snapshot t;
            t.info_hash = std::string(40, static_cast<char>('a' + i));
            // Built, then moved in: GCC 12 at -O3 reports `t.name = "t" + ...` as a false -Wrestrict.
            std::string name = std::to_string(i);
            name.insert(name.begin(), 't');
            t.name = std::move(name);
            s.torrents.push_back(t);
        }
        s.show_add_dialog = show_dialog;
        w.on_initial_state(s);
    }
};

/// Presses Enter in the modal dialog that is about to open.
void press_enter_in_next_modal()
{
    QTimer::singleShot(100, [] {
        if (auto* modal = QApplication::activeModalWidget())
            QTest::keyClick(modal, Qt::Key_Return);
    });
}

} // namespace

void gui_window_test::title_and_accessible_names()
{
    window_fixture f;
    gui::main_window w(f.link);
    QVERIFY(w.windowTitle().startsWith(QStringLiteral("PicoTorrent")));
    QCOMPARE(w.view()->accessibleName(), QStringLiteral("Torrents"));
    gui::add_torrent_dialog d(f.link, QStringLiteral("x"), {{0, "x/a", 1, 4, 0.0}}, 1);
    QCOMPARE(d.windowTitle(), QStringLiteral("Add torrent"));
    for (auto* child : d.findChildren<QWidget*>()) {
        if (child->inherits("QAbstractButton") || child->inherits("QLineEdit") ||
            child->inherits("QTreeView"))
            QVERIFY2(!child->accessibleName().isEmpty(), child->metaObject()->className());
    }
}

void gui_window_test::ctrl_a_then_delete_removes_keeping_data()
{
    window_fixture f;
    gui::main_window w(f.link);
    f.fill(w, 3);
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.view()->setFocus();
    QTest::keyClick(w.view(), Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(w.selected_hashes().size(), std::size_t(3));
    QTest::keyClick(w.view(), Qt::Key_Delete);
    f.host.run_posted();
    QCOMPARE(f.host.removed.size(), std::size_t(3));
    for (auto const& r : f.host.removed)
        QVERIFY(r.mode == sdk::remove_mode::keep_data);
}

void gui_window_test::shift_delete_asks_once_and_enter_confirms()
{
    window_fixture f;
    gui::main_window w(f.link);
    f.fill(w, 2);
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.view()->setFocus();
    w.view()->selectRow(1);
    press_enter_in_next_modal();
    QTest::keyClick(w.view(), Qt::Key_Delete, Qt::ShiftModifier);
    f.host.run_posted();
    QCOMPARE(f.host.removed.size(), std::size_t(1));
    QVERIFY(f.host.removed[0].mode == sdk::remove_mode::delete_data);
    QCOMPARE(f.host.removed[0].info_hash, std::string(40, 'b'));
}

void gui_window_test::add_dialog_include_filter_and_priorities()
{
    window_fixture f;
    // Index 1 is a hidden pad file in the host's numbering.
    std::vector<gui::file_row> files{
        {0, "show/e1.mkv", 100, 4, 0.0}, {2, "show/notes.txt", 5, 4, 0.0}, {3, "show/e2.mkv", 100, 4, 0.0}};
    gui::add_torrent_dialog d(f.link, QStringLiteral("show"), files, 4);
    QCOMPARE(d.apply_filter(QStringLiteral("videos"), true), QString());
    QCOMPARE(d.priorities(), (std::vector<std::uint8_t>{4, 4, 0, 4}));
    QCOMPARE(d.apply_filter(QStringLiteral(".*e2.*"), false), QString());
    QCOMPARE(d.priorities(), (std::vector<std::uint8_t>{4, 4, 0, 0}));
    QCOMPARE(d.save_path(), QStringLiteral("/downloads"));
    QVERIFY(!d.start_paused());
}

void gui_window_test::torrent_added_without_dialog_when_disabled()
{
    window_fixture f;
    gui::main_window w(f.link);
    f.fill(w, 0, false);
    w.add_torrent_file(QStringLiteral("/tmp/some.torrent"));
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    f.host.run_posted();
    QCOMPARE(f.host.added.size(), std::size_t(1));
    QCOMPARE(f.host.added[0].location, std::string("/tmp/some.torrent"));
    QVERIFY(f.host.added[0].file_priorities.empty());
}

void gui_window_test::column_choice_is_remembered()
{
    window_fixture f;
    {
        gui::main_window w(f.link);
        w.view()->horizontalHeader()->setSectionHidden(gui::col_ratio, true);
        w.close();
    }
    gui::main_window again(f.link);
    QVERIFY(again.view()->horizontalHeader()->isSectionHidden(gui::col_ratio));
    QVERIFY(!again.view()->horizontalHeader()->isSectionHidden(gui::col_size));
}

void gui_window_test::single_instance_listener_answers_and_hands_over()
{
    QTemporaryDir dir;
    QStringList got;
    auto const path = dir.path() + QStringLiteral("/gui.sock");
    gui::single_instance listener(path, [&](QStringList const& a) { got = a; });
    QVERIFY2(listener.listening(), qPrintable(listener.error()));
    QCOMPARE(QFile::permissions(path) & (QFile::ReadOther | QFile::WriteOther | QFile::ReadGroup),
             QFile::Permissions());
    QLocalSocket client;
    client.connectToServer(path);
    QVERIFY(client.waitForConnected(5000));
    client.write("picotorrent-gui 1\n/x/a.torrent\nmagnet:?xt=urn:btih:abc\n\n");
    QTRY_COMPARE(got,
                 (QStringList{QStringLiteral("/x/a.torrent"), QStringLiteral("magnet:?xt=urn:btih:abc")}));
    QTRY_VERIFY(client.bytesAvailable() >= 3 || client.waitForReadyRead(100));
    QCOMPARE(client.readAll(), QByteArray("ok\n"));
}

void gui_window_test::details_files_checkbox_sets_file_priorities()
{
    window_fixture f;
    gui::details_pane pane(f.link);
    gui::torrent_details d;
    d.torrent.info_hash = std::string(40, 'c');
    d.files = {{0, "r/a.bin", 10, 4}, {1, "r/.pad/6", 6, 4}, {2, "r/b.bin", 10, 4}};
    d.peers = {{"127.0.0.1:6881", "libtorrent 2.0.8", 100, 0, 1.0, "S"}};
    d.trackers = {{"http://127.0.0.1:9/announce", 0, "not working", "connection refused"}};
    pane.show_details(d, true);
    auto* files = pane.files();
    auto const root = files->index(0, 0);
    QCOMPARE(files->rowCount(root), 2); // the pad file is hidden
    QVERIFY(files->setData(files->index(0, 0, root), Qt::Unchecked, Qt::CheckStateRole));
    f.host.run_posted();
    QCOMPARE(f.host.priority_calls.size(), std::size_t(1));
    QCOMPARE(f.host.priority_calls[0].info_hash, d.torrent.info_hash);
    QCOMPARE(f.host.priority_calls[0].priorities, (std::vector<std::uint8_t>{0, 4, 4}));
}

void gui_window_test::before_restore_arguments_wait_for_the_first_snapshot_and_its_services()
{
    // Started before restore, the window has no services yet and the host is still restoring.
    window_fixture f;
    f.link.filters = nullptr;
    gui::main_window w(f.link);
    QLabel* counts = nullptr;
    for (auto* label : w.findChildren<QLabel*>())
        if (label->accessibleName() == QStringLiteral("Torrent counts"))
            counts = label;
    QVERIFY(counts);
    QVERIFY2(counts->text().startsWith(QStringLiteral("Restoring torrents")), qPrintable(counts->text()));
    auto const magnet = QStringLiteral("magnet:?xt=urn:btih:") + QString(40, QLatin1Char('c'));
    w.open_arguments_after_initial_state({magnet});
    f.host.run_posted();
    QVERIFY(f.host.added.empty());

    gui::initial_state s;
    s.show_add_dialog = false;
    s.filters = std::make_shared<regex_filters>();
    w.on_initial_state(s);
    f.host.run_posted();
    QCOMPARE(f.host.added.size(), std::size_t(1));
    QCOMPARE(f.host.added[0].location, magnet.toStdString());
    QVERIFY(f.link.filters != nullptr);
    QVERIFY2(counts->text().startsWith(QStringLiteral("0 torrents")), qPrintable(counts->text()));
    // Once the snapshot is in, arguments open at once.
    w.open_arguments_after_initial_state({magnet});
    f.host.run_posted();
    QCOMPARE(f.host.added.size(), std::size_t(2));
}
