#include "qt_front_end.hpp"

#include "config_view.hpp"
#include "main_window.hpp"
#include "single_instance.hpp"

#include <QApplication>
#include <QIcon>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QTableView>

namespace pico::gui {

void qt_front_end::set_link_data(std::shared_ptr<file_filters::file_filters_service> filters,
                                 std::shared_ptr<updater::updater_service> updater, std::string state_dir,
                                 std::string save_path)
{
    std::lock_guard lock(m_mutex);
    m_filters = std::move(filters);
    m_updater = std::move(updater);
    m_state_dir = std::move(state_dir);
    m_save_path = std::move(save_path);
}

void qt_front_end::quit()
{
    m_quit_requested = true;
    m_bridge.to_gui([] { QCoreApplication::quit(); });
}

void qt_front_end::run(std::vector<std::string> const& arguments)
{
    static int argc = 1;
    static char app_name[] = "picotorrent";
    static char* argv[] = {app_name, nullptr};
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("PicoTorrent"));
    QApplication::setDesktopFileName(QStringLiteral("picotorrent"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("picotorrent")));

    host_link link{m_host, m_bridge, {}, {}, {}, {}, m_roster};
    {
        std::lock_guard lock(m_mutex);
        link.filters = m_filters;
        link.updater = m_updater;
        link.state_dir = m_state_dir;
        link.default_save_path = m_save_path;
    }
    main_window window(link);
    m_bridge.attach(&window);

    single_instance listener(QString::fromStdString(link.state_dir + "/gui.sock"),
                             [&window](QStringList const& args) {
                                 window.show();
                                 window.raise();
                                 window.activateWindow();
                                 window.open_arguments(args);
                             });
    if (!listener.listening())
        m_host.log(sdk::log_level::warning, "single instance off: " + listener.error().toStdString());

    std::unique_ptr<QSystemTrayIcon> tray;
    QMenu tray_menu;
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        tray = std::make_unique<QSystemTrayIcon>(QApplication::windowIcon());
        tray_menu.addAction(QStringLiteral("Show"), &window, [&window] {
            window.showNormal();
            window.raise();
        });
        tray_menu.addAction(QStringLiteral("Quit"), &window, &QWidget::close);
        tray->setContextMenu(&tray_menu);
        tray->setToolTip(QStringLiteral("PicoTorrent"));
        tray->show();
    }

    // Everything the window starts from, read on the host thread in one go; events that
    // were queued earlier are older than this snapshot, later ones newer.
    QStringList args;
    for (auto const& a : arguments)
        args << QString::fromStdString(a);
    m_host.post([h = &m_host, link = &link, window = &window, args] {
        initial_state state;
        state.torrents = h->torrents();
        auto const config = read_config_view(h->config());
        state.show_add_dialog = config.show_add_dialog;
        state.listen_text = config.proxy_forced ? std::string("proxy: forced") : "listen: " + config.listen;
        std::optional<updater::update_info> update;
        if (link->updater)
            update = link->updater->latest();
        link->bridge.to_gui([window, state = std::move(state), update, args]() mutable {
            window->on_initial_state(std::move(state));
            // Only now is show_add_torrent_dialog known.
            window->open_arguments(args);
            if (update)
                window->on_update_available(*update);
        });
    });

    window.show();
    // The list has the keyboard, so Ctrl+A and Delete act on torrents, not on the filter text.
    window.view()->setFocus();
    QObject::connect(&app, &QApplication::lastWindowClosed, &app, &QApplication::quit);
    if (!m_quit_requested)
        app.exec();
    m_bridge.detach();
}

} // namespace pico::gui
