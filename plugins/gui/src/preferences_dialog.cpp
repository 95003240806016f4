#include "preferences_dialog.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pico::gui {
namespace {

QLineEdit* line_edit(QWidget* parent, bool secret = false)
{
    auto* e = new QLineEdit(parent);
    if (secret)
        e->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    return e;
}

QCheckBox* check_box(QString const& text, QWidget* parent)
{
    return new QCheckBox(text, parent);
}

} // namespace

preferences_dialog::preferences_dialog(host_link& link, std::string const& config_json,
                                       std::vector<plugin_status> const& plugins, QWidget* parent)
    : QDialog(parent), m_link(link)
{
    setWindowTitle(QStringLiteral("Preferences"));
    setAccessibleName(QStringLiteral("Preferences"));
    auto const config = QJsonDocument::fromJson(QByteArray::fromStdString(config_json)).object();
    auto* layout = new QVBoxLayout(this);
    auto* tabs = m_tabs = new QTabWidget(this);
    tabs->setAccessibleName(QStringLiteral("Preference pages"));
    tabs->addTab(downloads_page(config), QStringLiteral("Downloads"));
    tabs->addTab(connection_page(config), QStringLiteral("Connection"));
    tabs->addTab(websocket_page(config), QStringLiteral("WebSocket"));
    tabs->addTab(plugins_page(plugins), QStringLiteral("Plugins"));
    layout->addWidget(tabs);
    m_summary = new QLabel(this);
    m_summary->setAccessibleName(QStringLiteral("Save result"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_save->setAccessibleName(QStringLiteral("Save"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(QStringLiteral("Cancel"));
    connect(m_save, &QPushButton::clicked, this, &preferences_dialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(620, 560);
}

void preferences_dialog::add_field(QFormLayout* form, QString const& label, std::string key, field_kind kind,
                                   QWidget* editor, QJsonObject const& config)
{
    auto* cell = new QWidget(form->parentWidget());
    auto* column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    editor->setParent(cell);
    editor->setAccessibleName(label);
    column->addWidget(editor);
    auto* error = new QLabel(cell);
    error->setAccessibleName(label + QStringLiteral(": error"));
    error->setStyleSheet(QStringLiteral("color: #b00020"));
    error->setWordWrap(true);
    error->hide();
    column->addWidget(error);
    // Check boxes carry their own text; a form label beside them would say it twice.
    form->addRow(kind == field_kind::flag ? QString() : label + QStringLiteral(":"), cell);
    preference_field field{std::move(key), kind, editor, error, {}};
    load_field(field, config);
    m_fields.push_back(std::move(field));
}

QWidget* preferences_dialog::downloads_page(QJsonObject const& config)
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    auto* path = line_edit(page);
    add_field(form, QStringLiteral("Save path"), "save_path", field_kind::text, path, config);
    auto* browse = new QPushButton(QStringLiteral("Browse…"), page);
    browse->setAccessibleName(QStringLiteral("Browse for the save path"));
    connect(browse, &QPushButton::clicked, this, [this, path] {
        auto const dir = QFileDialog::getExistingDirectory(this, QStringLiteral("Save path"), path->text());
        if (!dir.isEmpty())
            path->setText(dir);
    });
    form->addRow(QString(), browse);
    add_field(form, QStringLiteral("Show the Add torrent dialog"), "ui.show_add_torrent_dialog",
              field_kind::flag, check_box(QStringLiteral("Show the Add torrent dialog"), page), config);
    return page;
}

QWidget* preferences_dialog::connection_page(QJsonObject const& config)
{
    auto* page = new QWidget(this);
    auto* column = new QVBoxLayout(page);
    auto* session = new QGroupBox(QStringLiteral("Session"), page);
    auto* form = new QFormLayout(session);
    add_field(form, QStringLiteral("Listen interfaces"), "session.listen_interfaces", field_kind::text,
              line_edit(session), config);
    add_field(form, QStringLiteral("Require encryption for incoming connections"),
              "session.require_incoming_encryption", field_kind::flag,
              check_box(QStringLiteral("Require encryption for incoming connections"), session), config);
    add_field(form, QStringLiteral("Require encryption for outgoing connections"),
              "session.require_outgoing_encryption", field_kind::flag,
              check_box(QStringLiteral("Require encryption for outgoing connections"), session), config);
    add_field(form, QStringLiteral("Anonymous mode"), "session.anonymous_mode", field_kind::flag,
              check_box(QStringLiteral("Anonymous mode"), session), config);
    column->addWidget(session);

    auto* proxy = new QGroupBox(QStringLiteral("Proxy"), page);
    auto* pform = new QFormLayout(proxy);
    auto* type = new QComboBox(proxy);
    for (auto const* t : {"none", "socks4", "socks5", "http"})
        type->addItem(QString::fromLatin1(t), QString::fromLatin1(t));
    add_field(pform, QStringLiteral("Proxy type"), "proxy.type", field_kind::choice, type, config);
    add_field(pform, QStringLiteral("Proxy host"), "proxy.hostname", field_kind::optional_text,
              line_edit(proxy), config);
    add_field(pform, QStringLiteral("Proxy port"), "proxy.port", field_kind::number, line_edit(proxy),
              config);
    add_field(pform, QStringLiteral("Proxy user name"), "proxy.username", field_kind::optional_text,
              line_edit(proxy), config);
    add_field(pform, QStringLiteral("Proxy password"), "proxy.password", field_kind::optional_text,
              line_edit(proxy, true), config);
    add_field(pform, QStringLiteral("Proxy host names"), "proxy.proxy_hostnames", field_kind::flag,
              check_box(QStringLiteral("Proxy host names"), proxy), config);
    add_field(pform, QStringLiteral("Proxy peer connections"), "proxy.proxy_peer_connections",
              field_kind::flag, check_box(QStringLiteral("Proxy peer connections"), proxy), config);
    add_field(pform, QStringLiteral("Proxy tracker connections"), "proxy.proxy_tracker_connections",
              field_kind::flag, check_box(QStringLiteral("Proxy tracker connections"), proxy), config);
    add_field(pform, QStringLiteral("Force the proxy (no direct connections)"), "proxy.force",
              field_kind::flag, check_box(QStringLiteral("Force the proxy (no direct connections)"), proxy),
              config);
    column->addWidget(proxy);
    column->addStretch(1);
    return page;
}

QWidget* preferences_dialog::websocket_page(QJsonObject const& config)
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    add_field(form, QStringLiteral("Enable the WebSocket API"), "websocket.enabled", field_kind::flag,
              check_box(QStringLiteral("Enable the WebSocket API"), page), config);
    add_field(form, QStringLiteral("WebSocket port"), "websocket.listen_port", field_kind::number,
              line_edit(page), config);
    add_field(form, QStringLiteral("WebSocket token"), "websocket.token", field_kind::optional_text,
              line_edit(page, true), config);
    auto* note =
        new QLabel(QStringLiteral("The WebSocket plugin reads these when PicoTorrent starts."), page);
    note->setWordWrap(true);
    form->addRow(note);
    return page;
}

QWidget* preferences_dialog::plugins_page(std::vector<plugin_status> const& plugins)
{
    auto* table = new QTableWidget(static_cast<int>(plugins.size()), 3, this);
    table->setAccessibleName(QStringLiteral("Plugins"));
    table->setHorizontalHeaderLabels(
        {QStringLiteral("Plugin"), QStringLiteral("State"), QStringLiteral("Details")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setStretchLastSection(true);
    for (std::size_t i = 0; i < plugins.size(); ++i) {
        auto const& p = plugins[i];
        int const row = static_cast<int>(i);
        table->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(p.id)));
        table->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(p.state)));
        auto* detail = new QTableWidgetItem(QString::fromStdString(p.detail));
        detail->setToolTip(detail->text());
        table->setItem(row, 2, detail);
    }
    return table;
}

QWidget* preferences_dialog::editor(std::string const& key) const
{
    for (auto const& f : m_fields) {
        if (f.key == key)
            return f.editor;
    }
    return nullptr;
}

QString preferences_dialog::error_text(std::string const& key) const
{
    for (auto const& f : m_fields) {
        if (f.key == key)
            return f.error->isHidden() ? QString() : f.error->text();
    }
    return {};
}

void preferences_dialog::save()
{
    std::vector<std::size_t> sent;
    std::vector<std::string> values;
    std::vector<std::pair<std::string, std::string>> changes;
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        show_field_error(m_fields[i], {});
        auto json = field_json(m_fields[i]);
        if (json == m_fields[i].saved)
            continue;
        sent.push_back(i);
        values.push_back(json);
        changes.emplace_back(m_fields[i].key, std::move(json));
    }
    if (changes.empty()) {
        accept();
        return;
    }
    m_save->setEnabled(false);
    m_summary->setText(QStringLiteral("Saving…"));
    QPointer<preferences_dialog> self(this);
    m_link.host.post([link = &m_link, changes, sent, values, self] {
        std::vector<sdk::status> results;
        for (auto const& [key, json] : changes)
            results.push_back(link->host.set_config_value(key, json));
        link->bridge.to_gui([self, sent, values, results] {
            if (self)
                self->on_saved(sent, values, results);
        });
    });
}

void preferences_dialog::on_saved(std::vector<std::size_t> const& sent,
                                  std::vector<std::string> const& values,
                                  std::vector<sdk::status> const& results)
{
    int refused = 0;
    for (std::size_t i = 0; i < sent.size() && i < results.size(); ++i) {
        auto& field = m_fields[sent[i]];
        if (results[i].ok) {
            field.saved = values[i];
            continue;
        }
        show_field_error(field, QString::fromStdString(results[i].error));
        if (refused++ > 0)
            continue;
        // The first refusal's page comes to the front, its field with the keyboard.
        for (int t = 0; t < m_tabs->count(); ++t) {
            if (m_tabs->widget(t)->isAncestorOf(field.editor))
                m_tabs->setCurrentIndex(t);
        }
        field.editor->setFocus();
    }
    m_save->setEnabled(true);
    if (refused == 0) {
        accept();
        return;
    }
    m_summary->setText(QStringLiteral("%1 of %2 changes were not saved; the reasons are shown beside them.")
                           .arg(refused)
                           .arg(sent.size()));
}

} // namespace pico::gui
