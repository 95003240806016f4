// The main window: torrent list with filters, status bar, menus and shortcuts. Every slot runs
// on the GUI thread; host calls go through host_link::host.post().
#pragma once

#include "details_pane.hpp"
#include "host_link.hpp"
#include "metainfo.hpp"
#include "torrent_filter_model.hpp"
#include "torrent_list_model.hpp"

#include <QMainWindow>
#include <set>

class QLabel;
class QLineEdit;
class QComboBox;
class QTableView;

namespace pico::gui {

/// What the host thread read for the window when it opened.
struct initial_state {
    std::vector<sdk::torrent_snapshot> torrents;
    bool show_add_dialog = true;
    std::string listen_text;
    /// The services as found at host_started (null when their plugin is not running).
    std::shared_ptr<file_filters::file_filters_service> filters;
    std::shared_ptr<updater::updater_service> updater;
};

/// Title starts with "PicoTorrent" (scripts find it by that).
class main_window final : public QMainWindow {
    Q_OBJECT
  public:
    explicit main_window(host_link& link, QWidget* parent = nullptr);
    ~main_window() override;

    /// The list's model and its view (tests).
    torrent_list_model* model() const { return m_model; }
    torrent_filter_model* filter_model() const { return m_filter; }
    QTableView* view() const { return m_view; }

    // --- from the host thread (through gui_bridge) -------------------------------------
    void on_initial_state(initial_state state);
    void on_added(sdk::torrent_snapshot const& t)
    {
        m_model->upsert(t);
        update_counts();
    }
    /// A run of torrent_added events (a restore sends 10,000): one row insertion, one recount.
    void on_added_many(std::vector<sdk::torrent_snapshot> ts)
    {
        m_model->update(ts);
        update_counts();
    }
    void on_changed(sdk::torrent_snapshot const& t) { m_model->upsert(t); }
    void on_updated(std::vector<sdk::torrent_snapshot> const& ts);
    void on_removed(std::string const& info_hash);
    void on_stats(std::int64_t down, std::int64_t up, std::int64_t peers);
    void on_metadata(sdk::torrent_snapshot const& t, std::vector<sdk::file_entry> const& files);
    void on_show_add_dialog_changed(bool show) { m_show_add_dialog = show; }
    /// The effective configuration (host::config()): at start-up and on every settings change.
    void on_config_changed(std::string config);
    void on_update_available(updater::update_info const& info);
    void on_details(torrent_details const& d, bool with_files);

    /// The details pane (tests).
    details_pane* details() const { return m_details; }

    // --- user actions -------------------------------------------------------------------
    /// Adds .torrent files and magnet links (arguments, drops, a second instance).
    void open_arguments(QStringList const& arguments);
    /// Opens `arguments` right after on_initial_state (now, if it has run).
    void open_arguments_after_initial_state(QStringList arguments);
    /// Adds one .torrent file, through the Add torrent dialog when it is enabled.
    void add_torrent_file(QString const& path);
    /// Adds one magnet link; its file tree is asked for when metadata arrives.
    void add_magnet(QString const& uri);
    /// Removes the selected torrents (with_data asks once first).
    void remove_selected(bool with_data);
    /// Ctrl+O: choose .torrent files.
    void open_torrent_dialog();
    /// Ctrl+U: the Add magnet link dialog.
    void open_magnet_dialog();
    /// The Create torrent dialog (Ctrl+N).
    void open_create_dialog();
    /// The Preferences dialog, from the configuration the window holds (no host round trip).
    void open_preferences();
    /// Info hashes of the selected rows.
    std::vector<std::string> selected_hashes() const;

  protected:
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;
    void closeEvent(QCloseEvent* e) override;

  private:
    void build_actions();
    void build_status_bar();
    void show_column_menu(QPoint const& pos);
    void update_counts();
    void report(QString const& line);
    /// Asks the host thread for the selected torrent's details (files only when `with_files`).
    void request_details(bool with_files);

    host_link& m_link;
    bool m_has_initial_state = false; // the host's first snapshot arrived (restore is over)
    QStringList m_arguments_waiting;  // open_arguments_after_initial_state before it arrived
    torrent_list_model* m_model;
    torrent_filter_model* m_filter;
    QTableView* m_view;
    QLineEdit* m_filter_box;
    QComboBox* m_status_box;
    QLabel* m_rates;
    QLabel* m_counts;
    QLabel* m_listen;
    details_pane* m_details;
    bool m_show_add_dialog = true;
    std::string m_config = "{}";             // host::config() as last sent
    std::set<std::string> m_magnets_waiting; // added by the user, tree asked for on metadata
};

} // namespace pico::gui
