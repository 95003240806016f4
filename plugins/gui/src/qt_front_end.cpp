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

void qt_front_end::set_start_data(std::string state_dir, std::string save_path, std::string config)
{
    std::lock_guard lock(m_mutex);
    m_state_dir = std::move(state_dir);
    m_save_path = std::move(save_path);
    m_config = std::move(config);
}

void qt_front_end::set_services(std::shared_ptr<file_filters::file_filters_service> filters,
                                std::shared_ptr<updater::updater_service> updater)
{
    std::lock_guard lock(m_mutex);
    m_filters = std::move(filters);
    m_updater = std::move(updater);
    m_services_known = true;
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
    std::string start_config;
    bool services_known = false;
    {
        std::lock_guard lock(m_mutex);
        services_known = m_services_known;
        link.filters = m_filters;
        link.updater = m_updater;
        link.state_dir = m_state_dir;
        link.default_save_path = m_save_path;
        start_config = m_config;
    }
    main_window window(link);
    // From the first frame the window knows the configuration: Preferences, the listen state
    // and show_add_torrent_dialog do not wait for the host thread, which may still be busy
    // announcing 10,000 restored torrents. settings_changed keeps it current.
    window.on_config_changed(start_config);
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

    // The torrent list, read on the host thread in one go; events that were queued earlier
    // are older than this snapshot, later ones newer. The window is usable before it arrives.
    // Nothing of run()'s frame is captured: after an early quit() this may run once it is gone.
    // Posted work runs after host_started, so the services are known by then.
    m_host.post([this, h = &m_host, out = &m_outbox, bridge = &m_bridge] {
        out->flush(); // what was queued before the snapshot reaches the window before it
        initial_state state;
        {
            std::lock_guard lock(m_mutex);
            state.filters = m_filters;
            state.updater = m_updater;
        }
        auto const updater = state.updater;
        state.torrents = h->torrents();
        auto config = h->config();
        auto const view = read_config_view(config);
        state.show_add_dialog = view.show_add_dialog;
        state.listen_text = listen_text(view);
        std::optional<updater::update_info> update;
        if (updater)
            update = updater->latest();
        bridge->to<main_window>(
            [state = std::move(state), config = std::move(config), update](main_window* w) mutable {
                // A settings change between host_started and attach() was not sent: this one is newer.
                w->on_config_changed(config);
                w->on_initial_state(std::move(state));
                if (update)
                    w->on_update_available(*update);
            });
    });
    // show_add_torrent_dialog is known already: the arguments open as soon as the loop runs,
    // or, while the host still restores (front_end_before_restore), once the snapshot brought
    // the file_filters service that the add dialog's menus list.
    QStringList args;
    for (auto const& a : arguments)
        args << QString::fromStdString(a);
    if (services_known)
        QMetaObject::invokeMethod(
            &window, [&window, args] { window.open_arguments(args); }, Qt::QueuedConnection);
    else
        window.open_arguments_after_initial_state(args);

    window.show();
    // The list has the keyboard, so Ctrl+A and Delete act on torrents, not on the filter text.
    window.view()->setFocus();
    QObject::connect(&app, &QApplication::lastWindowClosed, &app, &QApplication::quit);
    if (!m_quit_requested)
        app.exec();
    m_bridge.detach();
}

} // namespace pico::gui
