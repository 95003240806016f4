#include "create_torrent_dialog.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace pico::gui {
namespace {

std::vector<std::string> lines_of(QPlainTextEdit const* edit)
{
    std::vector<std::string> out;
    for (auto const& line : edit->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (auto const t = line.trimmed(); !t.isEmpty())
            out.push_back(t.toStdString());
    }
    return out;
}

QPushButton* button(QString const& text, QString const& name, QWidget* parent)
{
    auto* b = new QPushButton(text, parent);
    b->setAccessibleName(name);
    return b;
}

/// "dir/" and "dir" are the same folder: libtorrent and the save path need the clean form.
QString clean_source(QString const& path)
{
    return QDir::cleanPath(path);
}

} // namespace

create_torrent_dialog::create_torrent_dialog(host_link& link, QWidget* parent) : QDialog(parent), m_link(link)
{
    setWindowTitle(QStringLiteral("Create torrent"));
    setAccessibleName(QStringLiteral("Create torrent"));
    auto* layout = new QVBoxLayout(this);
    m_form = build_form();
    layout->addWidget(m_form);
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(QStringLiteral("Hashing progress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setFormat(QStringLiteral("%p%"));
    layout->addWidget(m_progress);
    m_outcome = new QLabel(this);
    m_outcome->setAccessibleName(QStringLiteral("Outcome"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_outcome);
    auto* buttons = new QDialogButtonBox(this);
    m_create = button(QStringLiteral("&Create"), QStringLiteral("Create"), this);
    m_close = button(QStringLiteral("Close"), QStringLiteral("Close"), this);
    buttons->addButton(m_create, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    connect(m_create, &QPushButton::clicked, this, &create_torrent_dialog::start);
    connect(m_close, &QPushButton::clicked, this, [this] { running() ? cancel() : QDialog::reject(); });
    layout->addWidget(buttons);
    m_create->setDefault(true);
    resize(640, 560);
}

create_torrent_dialog::~create_torrent_dialog()
{
    // The host stops hashing at the next piece; its answer finds no dialog and is dropped.
    if (m_job)
        m_job->stop = true;
}

QWidget* create_torrent_dialog::build_form()
{
    auto* form_widget = new QWidget(this);
    auto* form = new QFormLayout(form_widget);
    auto* source_row = new QHBoxLayout;
    m_source = new QLineEdit(form_widget);
    m_source->setAccessibleName(QStringLiteral("File or folder to share"));
    connect(m_source, &QLineEdit::textEdited, this, [this](QString const& text) {
        if (!m_output_typed)
            m_output->setText(text.isEmpty() ? QString() : clean_source(text) + QStringLiteral(".torrent"));
    });
    auto* pick_file = button(QStringLiteral("File…"), QStringLiteral("Choose a file to share"), form_widget);
    auto* pick_dir =
        button(QStringLiteral("Folder…"), QStringLiteral("Choose a folder to share"), form_widget);
    connect(pick_file, &QPushButton::clicked, this, [this] {
        auto const f = QFileDialog::getOpenFileName(this, QStringLiteral("File to share"));
        if (!f.isEmpty())
            set_source(f);
    });
    connect(pick_dir, &QPushButton::clicked, this, [this] {
        auto const d = QFileDialog::getExistingDirectory(this, QStringLiteral("Folder to share"));
        if (!d.isEmpty())
            set_source(d);
    });
    source_row->addWidget(m_source, 1);
    source_row->addWidget(pick_file);
    source_row->addWidget(pick_dir);
    form->addRow(QStringLiteral("Share:"), source_row);

    auto* output_row = new QHBoxLayout;
    m_output = new QLineEdit(form_widget);
    m_output->setAccessibleName(QStringLiteral("Torrent file to write"));
    connect(m_output, &QLineEdit::textEdited, this, [this] { m_output_typed = true; });
    auto* pick_output =
        button(QStringLiteral("Save as…"), QStringLiteral("Choose the torrent file"), form_widget);
    connect(pick_output, &QPushButton::clicked, this, [this] {
        auto const f = QFileDialog::getSaveFileName(this, QStringLiteral("Torrent file"), m_output->text(),
                                                    QStringLiteral("Torrent files (*.torrent)"));
        if (!f.isEmpty()) {
            m_output->setText(f);
            m_output_typed = true;
        }
    });
    output_row->addWidget(m_output, 1);
    output_row->addWidget(pick_output);
    form->addRow(QStringLiteral("Torrent file:"), output_row);

    m_trackers = new QPlainTextEdit(form_widget);
    m_trackers->setAccessibleName(QStringLiteral("Trackers, one per line"));
    m_trackers->setPlaceholderText(QStringLiteral("One announce URL per line; each is its own tier"));
    form->addRow(QStringLiteral("Trackers:"), m_trackers);
    m_web_seeds = new QPlainTextEdit(form_widget);
    m_web_seeds->setAccessibleName(QStringLiteral("Web seeds, one per line"));
    m_web_seeds->setMaximumHeight(70);
    form->addRow(QStringLiteral("Web seeds:"), m_web_seeds);

    m_piece_size = new QComboBox(form_widget);
    m_piece_size->setAccessibleName(QStringLiteral("Piece size"));
    m_piece_size->addItem(QStringLiteral("Automatic"), 0);
    for (int kib = 16; kib <= 32768; kib *= 2)
        m_piece_size->addItem(
            kib < 1024 ? QStringLiteral("%1 KiB").arg(kib) : QStringLiteral("%1 MiB").arg(kib / 1024), kib);
    form->addRow(QStringLiteral("Piece size:"), m_piece_size);
    m_format = new QComboBox(form_widget);
    m_format->setAccessibleName(QStringLiteral("Torrent format"));
    m_format->addItem(QStringLiteral("Hybrid (v1 + v2)"), static_cast<int>(sdk::torrent_format::hybrid));
    m_format->addItem(QStringLiteral("v1 only (older clients)"),
                      static_cast<int>(sdk::torrent_format::v1_only));
    m_format->addItem(QStringLiteral("v2 only"), static_cast<int>(sdk::torrent_format::v2_only));
    form->addRow(QStringLiteral("Format:"), m_format);
    m_comment = new QLineEdit(form_widget);
    m_comment->setAccessibleName(QStringLiteral("Comment"));
    form->addRow(QStringLiteral("Comment:"), m_comment);
    m_private = new QCheckBox(QStringLiteral("Private (peers from the trackers only)"), form_widget);
    m_private->setAccessibleName(QStringLiteral("Private"));
    form->addRow(m_private);
    m_overwrite = new QCheckBox(QStringLiteral("Replace the torrent file if it exists"), form_widget);
    m_overwrite->setAccessibleName(QStringLiteral("Replace the torrent file if it exists"));
    form->addRow(m_overwrite);
    m_seed = new QCheckBox(QStringLiteral("Add to the session and seed it"), form_widget);
    m_seed->setAccessibleName(QStringLiteral("Add to the session and seed it"));
    m_seed->setChecked(true);
    form->addRow(m_seed);
    return form_widget;
}

void create_torrent_dialog::set_source(QString const& path)
{
    auto const clean = clean_source(path);
    m_source->setText(clean);
    if (!m_output_typed && !clean.isEmpty())
        m_output->setText(clean + QStringLiteral(".torrent"));
}

sdk::create_torrent_request create_torrent_dialog::request() const
{
    sdk::create_torrent_request r;
    r.source = clean_source(m_source->text().trimmed()).toStdString();
    r.output = m_output->text().trimmed().toStdString();
    r.overwrite = m_overwrite->isChecked();
    r.trackers = lines_of(m_trackers);
    r.web_seeds = lines_of(m_web_seeds);
    r.piece_size_kib = m_piece_size->currentData().toLongLong();
    r.is_private = m_private->isChecked();
    r.format = static_cast<sdk::torrent_format>(m_format->currentData().toInt());
    r.comment = m_comment->text().toStdString();
    return r;
}

QString create_torrent_dialog::outcome() const
{
    return m_outcome->text();
}

void create_torrent_dialog::set_running(bool on)
{
    m_form->setEnabled(!on);
    m_create->setEnabled(!on);
    m_close->setText(on ? QStringLiteral("Cancel") : QStringLiteral("Close"));
    m_close->setAccessibleName(on ? QStringLiteral("Cancel") : QStringLiteral("Close"));
}

void create_torrent_dialog::start()
{
    if (running())
        return;
    auto const r = request();
    if (r.source.empty() || r.output.empty()) {
        m_outcome->setText(QStringLiteral("Choose what to share and where to write the torrent file."));
        return;
    }
    m_job = std::make_shared<job>();
    m_progress->setValue(0);
    m_outcome->setText(QStringLiteral("Hashing…"));
    set_running(true);
    bool const seed = m_seed->isChecked();
    // The data's parent folder is the save path that finds the data where it is.
    auto const save_path = QFileInfo(QString::fromStdString(r.source)).absolutePath().toStdString();
    QPointer<create_torrent_dialog> self(this);
    auto progress = [bridge = &m_link.bridge, self, j = m_job](std::int32_t done, std::int32_t total) {
        // One GUI update per 0.1%: a 100,000-piece torrent does not queue 100,000 repaints.
        int const permille = total > 0 ? static_cast<int>(std::int64_t(done) * 1000 / total) : 1000;
        if (j->shown_permille.exchange(permille) != permille) {
            bridge->to_gui([self, j, permille] {
                if (self && self->m_job == j)
                    self->m_progress->setValue(permille);
            });
        }
        return !j->stop.load();
    };
    m_link.host.post([link = &m_link, r, progress, seed, save_path, self, j = m_job] {
        link->host.create_torrent(r, progress,
                                  [link, seed, save_path, self, j](sdk::create_torrent_result const& result) {
                                      // Host thread: add the new torrent before telling the GUI, so "seeding"
                                      // is true.
                                      QString seed_error;
                                      bool seeded = false;
                                      if (result.ok && seed && !j->stop) {
                                          sdk::add_torrent_request add;
                                          add.source = sdk::torrent_source::file;
                                          add.location = result.output;
                                          add.save_path = save_path;
                                          auto const added = link->host.add_torrent(add);
                                          seeded = added.ok;
                                          seed_error = QString::fromStdString(added.error);
                                      }
                                      link->bridge.to_gui([self, j, result, seed_error, seeded] {
                                          if (self && self->m_job == j)
                                              self->on_done(result, seed_error, seeded);
                                      });
                                  });
    });
}

void create_torrent_dialog::cancel()
{
    if (!m_job)
        return;
    m_job->stop = true;
    m_outcome->setText(QStringLiteral("Stopping…"));
}

void create_torrent_dialog::reject()
{
    // Escape or the window's close button while hashing: stop it, then close.
    cancel();
    QDialog::reject();
}

void create_torrent_dialog::on_done(sdk::create_torrent_result const& result, QString const& seed_error,
                                    bool seeded)
{
    m_job.reset();
    set_running(false);
    auto const output = QString::fromStdString(result.output);
    if (result.cancelled) {
        m_outcome->setText(QStringLiteral("Cancelled; nothing was written."));
        m_progress->setValue(0);
        return;
    }
    if (!result.ok) {
        m_outcome->setText(QStringLiteral("Not created: ") + QString::fromStdString(result.error));
        return;
    }
    m_progress->setValue(1000);
    auto text = QStringLiteral("Created %1 (%2 pieces), info hash %3.")
                    .arg(output)
                    .arg(result.piece_count)
                    .arg(QString::fromStdString(result.info_hash));
    if (seeded)
        text += QStringLiteral(" Added to the session: seeding.");
    else if (!seed_error.isEmpty())
        text += QStringLiteral(" Not added to the session: ") + seed_error;
    m_outcome->setText(text);
}

} // namespace pico::gui
