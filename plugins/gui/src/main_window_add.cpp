// Adding torrents from the main window: files, magnets, the dialogs, and the update notice.
#include "add_torrent_dialog.hpp"
#include "main_window.hpp"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pico::gui {
namespace {

/// Shown rows: pad files keep their index but are never shown.
std::vector<file_row> visible_rows(metainfo const& m)
{
    std::vector<file_row> rows;
    for (std::size_t i = 0; i < m.files.size(); ++i) {
        if (!m.files[i].pad)
            rows.push_back({static_cast<std::int32_t>(i), m.files[i].path, m.files[i].size, 4, 0.0});
    }
    return rows;
}

} // namespace

void main_window::open_arguments(QStringList const& arguments)
{
    for (auto const& a : arguments) {
        if (a.startsWith(QStringLiteral("magnet:")))
            add_magnet(a);
        else
            add_torrent_file(a);
    }
}

void main_window::open_torrent_dialog()
{
    auto const files =
        QFileDialog::getOpenFileNames(this, QStringLiteral("Add torrent"), QString(),
                                      QStringLiteral("Torrent files (*.torrent);;All files (*)"));
    open_arguments(files);
}

void main_window::add_torrent_file(QString const& path)
{
    sdk::add_torrent_request request;
    request.source = sdk::torrent_source::file;
    request.location = path.toStdString();
    if (m_show_add_dialog) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly) || f.size() > (64 << 20)) {
            report(path + QStringLiteral(": cannot read the file"));
            return;
        }
        std::string error;
        auto const bytes = f.readAll().toStdString();
        auto const m = parse_metainfo(bytes, error);
        if (!m) {
            QMessageBox::warning(this, QStringLiteral("Add torrent"),
                                 path + QStringLiteral(": ") + QString::fromStdString(error));
            return;
        }
        add_torrent_dialog dialog(m_link, QString::fromStdString(m->name), visible_rows(*m),
                                  static_cast<std::int32_t>(m->files.size()), this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        request.file_priorities = dialog.priorities();
        request.save_path = dialog.save_path().toStdString();
        request.paused = dialog.start_paused();
    }
    m_link.host.post([link = &m_link, request, this] {
        auto const result = link->host.add_torrent(request);
        if (!result.ok) {
            auto const line = QString::fromStdString(request.location + ": " + result.error);
            link->bridge.to_gui([this, line] { report(line); });
        }
    });
}

void main_window::add_magnet(QString const& uri)
{
    sdk::add_torrent_request request;
    request.source = sdk::torrent_source::magnet;
    request.location = uri.toStdString();
    bool const ask = m_show_add_dialog;
    m_link.host.post([link = &m_link, request, ask, this] {
        auto const result = link->host.add_torrent(request);
        link->bridge.to_gui([this, result, ask, uri = request.location] {
            if (!result.ok)
                report(QString::fromStdString(uri + ": " + result.error));
            else if (ask && !result.duplicate)
                m_magnets_waiting.insert(result.info_hash);
        });
    });
}

void main_window::on_metadata(sdk::torrent_snapshot const& t, std::vector<sdk::file_entry> const& files)
{
    m_model->upsert(t);
    if (m_magnets_waiting.erase(t.info_hash) == 0)
        return;
    std::vector<file_row> rows;
    for (auto const& f : files) {
        if (f.path.find("/.pad/") == std::string::npos && f.path.rfind(".pad/", 0) != 0)
            rows.push_back({f.index, f.path, f.size, f.priority, 0.0});
    }
    add_torrent_dialog dialog(m_link, QString::fromStdString(t.name), rows,
                              static_cast<std::int32_t>(files.size()), this);
    if (dialog.exec() != QDialog::Accepted) {
        m_link.host.post([h = &m_link.host, hash = t.info_hash] {
            (void)h->remove_torrent(hash, sdk::remove_mode::delete_data);
        });
        return;
    }
    auto const priorities = dialog.priorities();
    auto const save_path = dialog.save_path().toStdString();
    bool const paused = dialog.start_paused();
    m_link.host.post(
        [h = &m_link.host, hash = t.info_hash, priorities, save_path, paused, old = t.save_path] {
            (void)h->set_file_priorities(hash, priorities);
            if (!save_path.empty() && save_path != old)
                (void)h->move_storage(hash, save_path);
            if (paused)
                (void)h->pause_torrent(hash);
        });
}

void main_window::open_magnet_dialog()
{
    QDialog dialog(this);
    dialog.setWindowTitle(QStringLiteral("Add magnet link"));
    dialog.setAccessibleName(QStringLiteral("Add magnet link"));
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(QStringLiteral("Magnet links, one per line:"), &dialog));
    auto* text = new QPlainTextEdit(&dialog);
    text->setAccessibleName(QStringLiteral("Magnet links"));
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Add"));
    buttons->button(QDialogButtonBox::Ok)->setAccessibleName(QStringLiteral("Add"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(QStringLiteral("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(560, 200);
    if (dialog.exec() != QDialog::Accepted)
        return;
    for (auto const& line : text->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        auto const uri = line.trimmed();
        if (uri.startsWith(QStringLiteral("magnet:")))
            add_magnet(uri);
        else if (!uri.isEmpty())
            report(uri + QStringLiteral(": not a magnet link"));
    }
}

void main_window::on_update_available(updater::update_info const& info)
{
    QMessageBox box(this);
    box.setWindowTitle(QStringLiteral("Update available"));
    box.setAccessibleName(QStringLiteral("Update available"));
    box.setTextFormat(Qt::RichText);
    box.setText(QStringLiteral("PicoTorrent %1 is available.<br><a href=\"%2\">%2</a>")
                    .arg(QString::fromStdString(info.version).toHtmlEscaped(),
                         QString::fromStdString(info.url).toHtmlEscaped()));
    box.setTextInteractionFlags(Qt::TextBrowserInteraction);
    auto* ignore = box.addButton(QStringLiteral("&Ignore this version"), QMessageBox::RejectRole);
    ignore->setAccessibleName(QStringLiteral("Ignore this version"));
    auto* close = box.addButton(QMessageBox::Close);
    close->setAccessibleName(QStringLiteral("Close"));
    box.setDefaultButton(close);
    box.setEscapeButton(close);
    box.exec();
    if (box.clickedButton() == ignore && m_link.updater) {
        m_link.host.post([svc = m_link.updater, version = info.version, h = &m_link.host] {
            if (auto const st = svc->ignore(version); !st.ok)
                h->log(sdk::log_level::error, st.error);
        });
    }
}

} // namespace pico::gui
