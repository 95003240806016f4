#include "commands.hpp"

#include "json_limits.hpp"
#include "messages.hpp"
#include "request_types.hpp"

#include <exception>

namespace pico::websocket {

using json = nlohmann::json;

namespace {

std::vector<request_type const*> const& all_request_types()
{
    static std::vector<request_type const*> const all = [] {
        std::vector<request_type const*> out;
        for (auto const* group : {&torrent_request_types(), &session_request_types()})
            for (auto const& type : *group)
                out.push_back(&type);
        return out;
    }();
    return all;
}

request_type const* find_request_type(std::string_view name)
{
    for (auto const* type : all_request_types())
        if (type->name == name)
            return type;
    return nullptr;
}

} // namespace

std::string error_reply(json const& id, std::string const& message)
{
    nlohmann::ordered_json reply{{"type", "error"}, {"id", id}, {"message", message}};
    return to_wire(reply);
}

std::vector<std::string> supported_requests()
{
    std::vector<std::string> names;
    for (auto const* type : all_request_types())
        names.emplace_back(type->name);
    return names;
}

parse_outcome parse_command(std::string_view text)
{
    parse_outcome out;
    json msg = parse_limited(text);
    if (msg.is_discarded()) {
        // accept() only checks the syntax and builds nothing, so it is safe on deep input.
        out.error_reply =
            error_reply(nullptr, json::accept(text) ? "JSON nested deeper than " +
                                                          std::to_string(max_message_depth) + " levels"
                                                    : std::string("malformed JSON"));
        return out;
    }
    if (!msg.is_object()) {
        out.error_reply = error_reply(nullptr, "a command must be a JSON object");
        return out;
    }
    command cmd;
    if (auto it = msg.find("id"); it != msg.end()) {
        // Ids are echoed in every reply: only scalars, so a reply never copies a client's tree.
        if (it->is_structured()) {
            out.error_reply = error_reply(nullptr, "\"id\" must be a string, a number, true/false or null");
            return out;
        }
        cmd.id = *it;
    }
    try {
        auto it = msg.find("type");
        if (it == msg.end() || !it->is_string())
            throw request_error{"\"type\" must be a string"};
        std::string const& name = it->get_ref<std::string const&>();
        cmd.type = find_request_type(name);
        if (cmd.type == nullptr)
            throw request_error{"unknown command type '" + name + "'"};
        cmd.type->read(msg, cmd);
    } catch (request_error const& e) {
        out.error_reply = error_reply(cmd.id, e.message);
        return out;
    }
    out.cmd = std::move(cmd);
    return out;
}

std::string run_command(request_context const& context, command const& cmd)
{
    if (cmd.type == nullptr)
        return error_reply(cmd.id, "unknown command");
    try {
        nlohmann::ordered_json reply{{"type", "result"}, {"id", cmd.id}, {"ok", true}};
        auto fields = cmd.type->run(context, cmd);
        for (auto& [key, value] : fields.items())
            reply[key] = std::move(value);
        return to_wire(reply);
    } catch (request_error const& e) {
        return error_reply(cmd.id, e.message);
    } catch (std::exception const& e) {
        return error_reply(cmd.id, e.what());
    }
}

} // namespace pico::websocket
