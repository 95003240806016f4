#include "metainfo.hpp"

#include <map>
#include <memory>
#include <stdexcept>
#include <variant>

namespace pico::gui {
namespace {

/// A decoded bencode value.
struct bvalue {
    std::variant<std::int64_t, std::string, std::vector<bvalue>, std::map<std::string, bvalue>> v;
    bvalue const* get(std::string const& key) const
    {
        auto const* d = std::get_if<std::map<std::string, bvalue>>(&v);
        if (!d)
            return nullptr;
        auto it = d->find(key);
        return it == d->end() ? nullptr : &it->second;
    }
};

class decoder {
  public:
    explicit decoder(std::string const& s) : m_s(s) {}
    bvalue value(int depth = 0)
    {
        if (depth > 64)
            throw std::runtime_error("nesting too deep");
        char const c = peek();
        if (c == 'i') {
            ++m_pos;
            auto const end = m_s.find('e', m_pos);
            if (end == std::string::npos)
                throw std::runtime_error("unterminated integer");
            auto const n = std::stoll(m_s.substr(m_pos, end - m_pos));
            m_pos = end + 1;
            return {n};
        }
        if (c == 'l' || c == 'd') {
            ++m_pos;
            std::vector<bvalue> list;
            std::map<std::string, bvalue> dict;
            while (peek() != 'e') {
                if (c == 'l') {
                    list.push_back(value(depth + 1));
                } else {
                    auto key = std::get<std::string>(value(depth + 1).v);
                    dict[key] = value(depth + 1);
                }
            }
            ++m_pos;
            return c == 'l' ? bvalue{std::move(list)} : bvalue{std::move(dict)};
        }
        auto const colon = m_s.find(':', m_pos);
        if (c < '0' || c > '9' || colon == std::string::npos)
            throw std::runtime_error("bad bencode at byte " + std::to_string(m_pos));
        auto const len = std::stoull(m_s.substr(m_pos, colon - m_pos));
        if (colon + 1 + len > m_s.size())
            throw std::runtime_error("string runs past the end");
        m_pos = colon + 1 + len;
        return {m_s.substr(colon + 1, len)};
    }

  private:
    char peek() const
    {
        if (m_pos >= m_s.size())
            throw std::runtime_error("truncated");
        return m_s[m_pos];
    }
    std::string const& m_s;
    std::size_t m_pos = 0;
};

std::string const* str(bvalue const* v)
{
    return v ? std::get_if<std::string>(&v->v) : nullptr;
}
std::int64_t num(bvalue const* v)
{
    auto const* n = v ? std::get_if<std::int64_t>(&v->v) : nullptr;
    return n ? *n : 0;
}

/// BEP 52 "file tree": files in key order; libtorrent pads every file but the last to a piece.
void walk_tree(bvalue const& node, std::string const& prefix, std::vector<metainfo_file>& out)
{
    auto const* dict = std::get_if<std::map<std::string, bvalue>>(&node.v);
    if (!dict)
        return;
    for (auto const& [name, child] : *dict) {
        if (name.empty()) {
            out.push_back({prefix, num(child.get("length")), false});
            continue;
        }
        walk_tree(child, prefix.empty() ? name : prefix + "/" + name, out);
    }
}

} // namespace

std::optional<metainfo> parse_metainfo(std::string const& bytes, std::string& error)
{
    try {
        auto const root = decoder(bytes).value();
        auto const* info = root.get("info");
        auto const* name = info ? str(info->get("name")) : nullptr;
        if (!name)
            throw std::runtime_error("no info dictionary with a name");
        metainfo m;
        m.name = *name;
        if (auto const* files = info->get("files"); files && std::get_if<std::vector<bvalue>>(&files->v)) {
            for (auto const& f : std::get<std::vector<bvalue>>(files->v)) {
                std::string path = m.name;
                if (auto const* parts = f.get("path"); parts && std::get_if<std::vector<bvalue>>(&parts->v)) {
                    for (auto const& p : std::get<std::vector<bvalue>>(parts->v))
                        path += "/" + (str(&p) ? *str(&p) : std::string());
                }
                auto const* attr = str(f.get("attr"));
                m.files.push_back({path, num(f.get("length")), attr && attr->find('p') != std::string::npos});
            }
        } else if (info->get("length")) {
            m.files.push_back({m.name, num(info->get("length")), false});
        } else if (auto const* tree = info->get("file tree")) {
            std::vector<metainfo_file> plain;
            walk_tree(*tree, {}, plain);
            auto const piece = num(info->get("piece length"));
            bool const single = plain.size() == 1 && plain[0].path == m.name;
            for (std::size_t i = 0; i < plain.size(); ++i) {
                m.files.push_back(plain[i]);
                if (!single && plain.size() > 1)
                    m.files.back().path = plain[i].path.rfind(m.name + "/", 0) == 0
                                              ? plain[i].path
                                              : m.name + "/" + plain[i].path;
                if (piece > 0 && i + 1 < plain.size() && plain[i].size % piece != 0)
                    m.files.push_back({m.name + "/.pad/" + std::to_string(piece - plain[i].size % piece),
                                       piece - plain[i].size % piece, true});
            }
        } else {
            throw std::runtime_error("no files");
        }
        return m;
    } catch (std::exception const& e) {
        error = std::string("not a valid torrent file: ") + e.what();
        return std::nullopt;
    }
}

} // namespace pico::gui
