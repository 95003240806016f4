// The "Preferences" dialog: downloads, connection (with the proxy plugin's section), WebSocket
// and the plugin list. Each changed value is saved with host::set_config_value (one atomic
// write each) on the host thread; a value the host refuses stays in its field with the
// host's own message under it, and is not saved.
#pragma once

#include "host_link.hpp"
#include "preference_field.hpp"

#include <QDialog>
#include <picotorrent/sdk/host.hpp>
#include <vector>

class QFormLayout;
class QLabel;
class QPushButton;
class QTabWidget;

namespace pico::gui {

/// Title "Preferences"; built from the configuration JSON and the plugins the host reported.
class preferences_dialog final : public QDialog {
    Q_OBJECT
  public:
    preferences_dialog(host_link& link, std::string const& config_json,
                       std::vector<plugin_status> const& plugins, QWidget* parent = nullptr);

    /// The editor bound to a configuration key, null if none (tests).
    QWidget* editor(std::string const& key) const;
    /// The inline error shown for a key, empty when none (tests).
    QString error_text(std::string const& key) const;
    /// Sends every changed value to the host; accepts the dialog once all were saved.
    void save();

  private:
    QWidget* downloads_page(QJsonObject const& config);
    QWidget* connection_page(QJsonObject const& config);
    QWidget* websocket_page(QJsonObject const& config);
    QWidget* plugins_page(std::vector<plugin_status> const& plugins);
    /// Adds a labelled row for `key` to `form`; `editor` is owned by the form afterwards.
    void add_field(QFormLayout* form, QString const& label, std::string key, field_kind kind, QWidget* editor,
                   QJsonObject const& config);
    /// The host's answers, in the order of the fields in `sent`.
    void on_saved(std::vector<std::size_t> const& sent, std::vector<std::string> const& values,
                  std::vector<sdk::status> const& results);

    host_link& m_link;
    std::vector<preference_field> m_fields;
    QTabWidget* m_tabs = nullptr;
    QPushButton* m_save = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace pico::gui
