// Preferences, drag and drop and the details pane's per-file progress, against the SDK's fake host.
#include "details_pane.hpp"
#include "gui_tests.hpp"
#include "main_window.hpp"
#include "preferences_dialog.hpp"
#include "window_outbox.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QLineEdit>
#include <QMimeData>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <picotorrent/sdk/testing/fake_host.hpp>

using namespace pico;

namespace {

/// The fake host, refusing the keys in `refusals` with the given line as the real host does
/// (for a bad value it writes nothing and returns the validator's message).
class refusing_host final : public sdk::testing::fake_host {
  public:
    std::map<std::string, std::string> refusals;
    sdk::status set_config_value(std::string const& key, std::string const& json) override
    {
        if (auto it = refusals.find(key); it != refusals.end()) {
            calls.push_back("set_config_value(" + key + ", " + json + ") refused");
            return sdk::status::failure(it->second);
        }
        return fake_host::set_config_value(key, json);
    }
};

struct dialog_fixture {
    QTemporaryDir dir;
    refusing_host host;
    gui::gui_bridge bridge;
    QObject receiver;
    gui::host_link link{host, bridge, nullptr, nullptr, dir.path().toStdString(), "/downloads", nullptr};

    dialog_fixture()
    {
        bridge.attach(&receiver);
        host.config_values["save_path"] = R"("/old")";
        host.config_values["session"] = R"({"listen_interfaces":"0.0.0.0:6881","anonymous_mode":false})";
        host.config_values["proxy"] = R"({"type":"none","proxy_hostnames":true})";
        host.config_values["websocket"] = R"({"enabled":false,"listen_port":7676})";
    }
    /// Runs the host thread's work, then the replies queued for the GUI thread.
    void round_trip()
    {
        host.run_posted();
        QCoreApplication::processEvents();
    }
};

QLineEdit* line(gui::preferences_dialog const& d, std::string const& key)
{
    return qobject_cast<QLineEdit*>(d.editor(key));
}

QByteArray small_torrent()
{
    return "d4:infod5:filesld6:lengthi100e4:pathl5:a.bineed4:attr1:p6:lengthi924e4:pathl4:.pad3:924eed"
           "6:lengthi5e4:pathl3:sub5:b.txteee4:name4:root12:piece lengthi1024eee";
}

/// Sends a real drag-enter then drop of `urls` onto `w`; returns whether the enter was accepted.
bool drop_urls(QWidget& w, QList<QUrl> const& urls)
{
    QMimeData mime;
    mime.setUrls(urls);
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    return true;
}

} // namespace

void gui_dialog_test::preferences_reads_config_and_saves_changed_values()
{
    dialog_fixture f;
    gui::preferences_dialog d(f.link, f.host.config(),
                              {{"proxy", "running", "1.0.0"}, {"old", "refused", "built against SDK 2.0.0"}});
    QCOMPARE(d.windowTitle(), QStringLiteral("Preferences"));
    for (auto* child : d.findChildren<QWidget*>()) {
        // Qt's own table corner button takes no focus and no action.
        if (child->inherits("QTableCornerButton"))
            continue;
        if (child->inherits("QAbstractButton") || child->inherits("QLineEdit") ||
            child->inherits("QComboBox") || child->inherits("QTableWidget"))
            QVERIFY2(!child->accessibleName().isEmpty(), child->metaObject()->className());
    }
    QCOMPARE(line(d, "save_path")->text(), QStringLiteral("/old"));
    QCOMPARE(line(d, "session.listen_interfaces")->text(), QStringLiteral("0.0.0.0:6881"));
    QCOMPARE(line(d, "websocket.listen_port")->text(), QStringLiteral("7676"));
    auto* plugins = d.findChild<QTableWidget*>();
    QCOMPARE(plugins->rowCount(), 2);
    QCOMPARE(plugins->item(1, 1)->text(), QStringLiteral("refused"));
    QCOMPARE(plugins->item(1, 2)->text(), QStringLiteral("built against SDK 2.0.0"));

    line(d, "save_path")->setText(QStringLiteral("/new/downloads"));
    auto* type = qobject_cast<QComboBox*>(d.editor("proxy.type"));
    type->setCurrentIndex(type->findData(QStringLiteral("socks5")));
    line(d, "proxy.hostname")->setText(QStringLiteral("127.0.0.1"));
    line(d, "proxy.port")->setText(QStringLiteral("1080"));
    qobject_cast<QCheckBox*>(d.editor("proxy.force"))->setChecked(true);
    d.save();
    f.round_trip();
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QCOMPARE(f.host.config_values["save_path"], std::string(R"("/new/downloads")"));
    QCOMPARE(f.host.config_values["proxy.type"], std::string(R"("socks5")"));
    QCOMPARE(f.host.config_values["proxy.hostname"], std::string(R"("127.0.0.1")"));
    QCOMPARE(f.host.config_values["proxy.port"], std::string("1080")); // a number, not a string
    QCOMPARE(f.host.config_values["proxy.force"], std::string("true"));
    // Unchanged fields are not written.
    QVERIFY(!f.host.called("set_config_value(session.listen_interfaces"));
    QVERIFY(!f.host.called("set_config_value(websocket.listen_port"));
}

void gui_dialog_test::preferences_shows_refusal_inline_and_keeps_it_unsaved()
{
    dialog_fixture f;
    std::string const why =
        R"(session.listen_interfaces: "nonsense" is not HOST:PORT (e.g. "0.0.0.0:6881,[::]:6881"))";
    f.host.refusals["session.listen_interfaces"] = why;
    f.host.refusals["websocket.listen_port"] =
        R"(websocket.listen_port: expected a port number (0-65535), got string)";
    gui::preferences_dialog d(f.link, f.host.config(), {});
    line(d, "session.listen_interfaces")->setText(QStringLiteral("nonsense"));
    line(d, "websocket.listen_port")->setText(QStringLiteral("port"));
    line(d, "save_path")->setText(QStringLiteral("/new"));
    d.save();
    f.round_trip();
    QVERIFY(d.result() != QDialog::Accepted);
    QCOMPARE(d.error_text("session.listen_interfaces"), QString::fromStdString(why));
    QVERIFY(d.error_text("websocket.listen_port").contains(QStringLiteral("port number")));
    QVERIFY(f.host.called(R"(set_config_value(websocket.listen_port, "port") refused)"));
    QCOMPARE(d.error_text("save_path"), QString());
    QCOMPARE(f.host.config_values.count("session.listen_interfaces"), std::size_t(0));
    QCOMPARE(f.host.config_values["save_path"], std::string(R"("/new")"));
    QCOMPARE(line(d, "session.listen_interfaces")->text(), QStringLiteral("nonsense")); // left to correct

    // Corrected: only what is still unsaved goes again, and the dialog closes.
    f.host.refusals.clear();
    f.host.calls.clear();
    line(d, "session.listen_interfaces")->setText(QStringLiteral("127.0.0.1:6881"));
    line(d, "websocket.listen_port")->setText(QStringLiteral("7677"));
    d.save();
    f.round_trip();
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QCOMPARE(f.host.config_values["session.listen_interfaces"], std::string(R"("127.0.0.1:6881")"));
    QCOMPARE(f.host.config_values["websocket.listen_port"], std::string("7677"));
    QVERIFY(!f.host.called("set_config_value(save_path"));
}

void gui_dialog_test::dropping_a_torrent_file_adds_it_without_dialog_when_disabled()
{
    dialog_fixture f;
    gui::main_window w(f.link);
    w.on_initial_state({{}, false, {}, {}, {}});
    auto const path = f.dir.filePath(QStringLiteral("dropped.torrent"));
    QVERIFY(drop_urls(w, {QUrl::fromLocalFile(path)}));
    f.host.run_posted();
    QCOMPARE(f.host.added.size(), std::size_t(1));
    QCOMPARE(f.host.added[0].location, path.toStdString());
    // Not a torrent: the drag is refused, nothing is added.
    QVERIFY(!drop_urls(w, {QUrl::fromLocalFile(f.dir.filePath(QStringLiteral("notes.txt")))}));
    f.host.run_posted();
    QCOMPARE(f.host.added.size(), std::size_t(1));
}

void gui_dialog_test::dropping_a_torrent_file_opens_the_add_dialog()
{
    dialog_fixture f;
    gui::main_window w(f.link);
    w.on_initial_state({{}, true, {}, {}, {}});
    auto const path = f.dir.filePath(QStringLiteral("root.torrent"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(small_torrent());
    out.close();
    QString seen;
    QTimer::singleShot(100, [&seen] {
        if (auto* modal = QApplication::activeModalWidget()) {
            seen = modal->windowTitle();
            QTest::keyClick(modal, Qt::Key_Return);
        }
    });
    QVERIFY(drop_urls(w, {QUrl::fromLocalFile(path)}));
    QCOMPARE(seen, QStringLiteral("Add torrent"));
    f.host.run_posted();
    QCOMPARE(f.host.added.size(), std::size_t(1));
    QCOMPARE(f.host.added[0].location, path.toStdString());
    QCOMPARE(f.host.added[0].file_priorities, (std::vector<std::uint8_t>{4, 4, 4})); // pad file included
}

void gui_dialog_test::details_file_tree_shows_per_file_progress()
{
    dialog_fixture f;
    gui::details_pane pane(f.link);
    gui::torrent_details d;
    d.torrent.info_hash = std::string(40, 'd');
    d.files = {{0, "r/a.bin", 100, 4}, {1, "r/.pad/28", 28, 4}, {2, "r/sub/b.bin", 300, 4}};
    d.file_progress = {50, 0, 300};
    pane.show_details(d, true);
    auto* files = pane.files();
    auto const root = files->index(0, 0);
    QCOMPARE(files->index(0, 2, root).data().toString(), QStringLiteral("50.0%"));
    auto const sub = files->index(1, 0, root);
    QCOMPARE(files->index(0, 2, sub).data().toString(), QStringLiteral("100.0%"));
    QCOMPARE(files->done_bytes(root), std::int64_t(350)); // the folder sums its files
    // The next update batch moves the bars without rebuilding the tree.
    d.file_progress = {100, 0, 300};
    pane.show_details(d, false);
    QCOMPARE(files->index(0, 2, files->index(0, 0)).data().toString(), QStringLiteral("100.0%"));
    QCOMPARE(files->index(0, 2).data().toString(), QStringLiteral("100.0%"));
}

void gui_dialog_test::ctrl_comma_opens_preferences_while_the_host_thread_is_busy()
{
    // The host never runs posted work here (no run_posted), as when it is still announcing a
    // restore of 10,000 torrents: Preferences opens anyway, from the configuration it was sent.
    dialog_fixture f;
    gui::main_window w(f.link);
    w.on_config_changed(f.host.config());
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QString seen;
    QString save_path;
    QTimer::singleShot(100, [&] {
        if (auto* d = qobject_cast<gui::preferences_dialog*>(QApplication::activeModalWidget())) {
            seen = d->windowTitle();
            save_path = line(*d, "save_path")->text();
            d->reject();
        }
    });
    QTest::keyClick(w.view(), Qt::Key_Comma, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(seen, QStringLiteral("Preferences"), 2000);
    QCOMPARE(save_path, QStringLiteral("/old"));
    // A settings change sent later is what the next Preferences shows.
    f.host.config_values["save_path"] = R"("/new")";
    w.on_config_changed(f.host.config());
    save_path.clear();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTimer::singleShot(100, [&] {
        if (auto* d = qobject_cast<gui::preferences_dialog*>(QApplication::activeModalWidget())) {
            save_path = line(*d, "save_path")->text();
            d->reject();
        }
    });
    QTest::keyClick(w.view(), Qt::Key_Comma, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(save_path, QStringLiteral("/new"), 2000);
}

void gui_dialog_test::restored_torrents_reach_the_window_as_one_batch_in_order()
{
    dialog_fixture f;
    gui::main_window w(f.link);
    gui::gui_bridge bridge;
    bridge.attach(&w);
    gui::window_outbox out(f.host, bridge);
    int insertions = 0;
    QObject::connect(w.model(), &QAbstractItemModel::rowsInserted, [&insertions] { ++insertions; });
    auto snapshot = [](int i) {
        sdk::torrent_snapshot t;
        t.info_hash = QStringLiteral("%1").arg(i, 40, 10, QLatin1Char('0')).toStdString();
        std::string name = std::to_string(i); // not "t" + ...: GCC 12's false -Wrestrict
        name.insert(name.begin(), 't');
        t.name = std::move(name);
        return t;
    };
    // One alert batch of a restore: 10,000 adds, a removal of one of them, one more add.
    for (int i = 0; i < 10000; ++i)
        out.added(snapshot(i));
    out.call([x = snapshot(7).info_hash](gui::main_window* win) { win->on_removed(x); });
    out.added(snapshot(10000));
    QCOMPARE(f.host.run_posted(), std::size_t(1)); // one flush for the whole turn
    QCOMPARE(w.model()->rowCount(), 0);            // nothing reached the GUI thread yet
    QCoreApplication::processEvents();
    QCOMPARE(w.model()->rowCount(), 10000);
    QCOMPARE(insertions, 2);
    QCOMPARE(w.model()->row_of(snapshot(7).info_hash), -1);
    QVERIFY(w.model()->row_of(snapshot(10000).info_hash) >= 0);
    // Nothing queued: no flush is posted.
    QCOMPARE(f.host.run_posted(), std::size_t(0));
}
