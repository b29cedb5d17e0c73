// noneq-cellml: reading a CellML file (model.hpp).
#include "model.hpp"

#include <filesystem>
#include <functional>
#include <numeric>

namespace noneq_cellml {
namespace {

using detail::attr;
using detail::local;

struct document {
    pugi::xml_document doc;
    detail::unit_table units;
    std::string path;
};

/// The components taken from one document: xml node, name in the importing model.
struct placed_component {
    pugi::xml_node node;
    std::string name;
    document* doc;
    std::map<std::string, std::string> renamed; ///< this document's component names -> model's
};

class reader {
public:
    model read(const std::string& path) {
        document& d = load(path);
        const pugi::xml_node root = d.doc.document_element();
        if (local(root.name()) != "model") throw error(path + ": the root element is not <model>");
        m_.name = attr(root, "name");
        collect(d, {}, 0);
        build();
        return std::move(m_);
    }

private:
    std::vector<std::unique_ptr<document>> docs_;
    std::vector<placed_component> comps_;
    std::vector<std::pair<document*, std::map<std::string, std::string>>> scopes_;
    model m_;

    document& load(const std::string& path) {
        auto d = std::make_unique<document>();
        d->path = path;
        const auto r = d->doc.load_file(path.c_str());
        if (!r) throw error(path + ": not a readable XML file (" + r.description() + ")");
        docs_.push_back(std::move(d));
        return *docs_.back();
    }

    /// Collects the components of document d: all of them (want empty: the top model) or the
    /// ones named in `want` (remote name -> local name), and follows its imports.
    void collect(document& d, const std::map<std::string, std::string>& want, int depth) {
        if (depth > 20) throw error(d.path + ": imports nested too deeply (a cycle?)");
        const pugi::xml_node root = d.doc.document_element();
        for (const auto n : root.children())
            if (local(n.name()) == "units") d.units.add("", n);
        std::map<std::string, std::string> renamed;
        for (const auto n : root.children()) {
            const std::string ln = local(n.name());
            if (ln == "component") {
                const std::string cname = attr(n, "name");
                for (const auto u : n.children())
                    if (local(u.name()) == "units") d.units.add(cname, u);
                if (!want.empty() && !want.count(cname)) continue;
                const std::string as = want.empty() ? cname : want.at(cname);
                renamed[cname] = as;
                comps_.push_back({n, as, &d, {}});
            } else if (ln == "import") {
                const std::string href = attr(n, "href");
                std::map<std::string, std::string> sub;
                for (const auto c : n.children())
                    if (local(c.name()) == "component") {
                        sub[attr(c, "component_ref")] = attr(c, "name");
                        renamed[attr(c, "name")] = attr(c, "name");
                    }
                if (sub.empty()) continue; // units-only imports: not needed once reduced to SI
                const auto file = std::filesystem::path(d.path).parent_path() / href;
                collect(load(file.string()), sub, depth + 1);
            }
        }
        scopes_.emplace_back(&d, renamed);
    }

    int find(std::vector<int>& p, int i) {
        while (p[i] != i)
            i = p[i] = p[p[i]];
        return i;
    }

    void build() {
        // variables
        for (const auto& pc : comps_) {
            for (const auto v : pc.node.children()) {
                if (local(v.name()) != "variable") continue;
                variable var;
                var.component = pc.name;
                var.name = attr(v, "name");
                var.units_name = attr(v, "units");
                const std::string where = pc.name + "." + var.name;
                try {
                    var.unit = pc.doc->units.get(attr(pc.node, "name"), var.units_name);
                } catch (const error& e) {
                    throw error(std::string(e.what()) + " (variable " + where + ")");
                }
                const std::string iv = attr(v, "initial_value");
                if (!iv.empty()) {
                    var.has_initial = true;
                    var.initial = detail::number(iv, "initial value of " + where);
                }
                var.cmeta_id = attr(v, "id");
                if (m_.var_index.count(where)) throw error("variable " + where + " declared twice");
                m_.var_index[where] = static_cast<int>(m_.vars.size());
                m_.vars.push_back(var);
            }
        }
        // connections, in every document, between components placed in the model
        std::vector<int> parent(m_.vars.size());
        std::iota(parent.begin(), parent.end(), 0);
        for (const auto& [doc, renamed] : scopes_) {
            for (const auto con : doc->doc.document_element().children()) {
                if (local(con.name()) != "connection") continue;
                std::string c1, c2;
                for (const auto mc : con.children())
                    if (local(mc.name()) == "map_components") {
                        c1 = attr(mc, "component_1");
                        c2 = attr(mc, "component_2");
                    }
                if (!renamed.count(c1) || !renamed.count(c2)) continue;
                c1 = renamed.at(c1);
                c2 = renamed.at(c2);
                for (const auto mv : con.children()) {
                    if (local(mv.name()) != "map_variables") continue;
                    const std::string k1 = c1 + "." + attr(mv, "variable_1");
                    const std::string k2 = c2 + "." + attr(mv, "variable_2");
                    if (!m_.var_index.count(k1) || !m_.var_index.count(k2))
                        throw error("a connection names an undeclared variable: " + k1 + " - " +
                                    k2);
                    const variable& a = m_.vars[m_.var_index[k1]];
                    const variable& b = m_.vars[m_.var_index[k2]];
                    if (!same_dims(a.unit.d, b.unit.d))
                        throw error("units inconsistent across a connection: component '" +
                                    a.component + "', variable '" + a.name + "' in '" +
                                    a.units_name + "' [" + to_string(a.unit.d) +
                                    "] is connected to component '" + b.component +
                                    "', variable '" + b.name + "' in '" + b.units_name + "' [" +
                                    to_string(b.unit.d) + "]");
                    parent[find(parent, m_.var_index[k1])] = find(parent, m_.var_index[k2]);
                }
            }
        }
        std::map<int, int> cls;
        for (std::size_t i = 0; i < m_.vars.size(); ++i) {
            const int r = find(parent, static_cast<int>(i));
            if (!cls.count(r)) {
                cls[r] = m_.n_classes++;
                m_.class_rep.push_back(static_cast<int>(i));
            }
            m_.vars[i].cls = cls[r];
        }
        // equations
        for (const auto& pc : comps_) {
            const auto resolve = [&](const std::string& n) {
                const auto it = m_.var_index.find(pc.name + "." + n);
                if (it == m_.var_index.end())
                    throw error("component '" + pc.name + "' uses the undeclared variable '" + n +
                                "'");
                return it->second;
            };
            const auto units = [&](const std::string& n) {
                try {
                    return pc.doc->units.get(attr(pc.node, "name"), n);
                } catch (const error& e) {
                    throw error(std::string(e.what()) + " (a number in component '" + pc.name +
                                "')");
                }
            };
            for (const auto math : pc.node.children()) {
                if (local(math.name()) != "math") continue;
                for (const auto eq : math.children()) {
                    if (eq.type() != pugi::node_element) continue;
                    const std::string where = "component '" + pc.name + "'";
                    expr e = read_math(eq, resolve, units, where);
                    if (e.kind != expr::apply || e.op != "eq" || e.args.size() != 2)
                        throw error("unsupported statement (not an equation) in " + where);
                    equation q;
                    q.component = pc.name;
                    expr& lhs = e.args[0];
                    if (lhs.kind == expr::ci) {
                        q.lhs = lhs.var;
                    } else if (lhs.kind == expr::apply && lhs.op == "diff" &&
                               lhs.args.size() == 2 && lhs.args[0].kind == expr::ci &&
                               lhs.args[1].kind == expr::ci) {
                        q.bvar = lhs.args[0].var;
                        q.lhs = lhs.args[1].var;
                    } else {
                        throw error("unsupported left-hand side in " + where +
                                    " (a variable or d(variable)/d(bvar) is expected)");
                    }
                    q.rhs = std::move(e.args[1]);
                    m_.eqs.push_back(std::move(q));
                }
            }
        }
        // oxmeta annotations: rdf:about="#id" ... resource="...oxford-metadata#name"
        std::map<std::string, int> by_id;
        for (std::size_t i = 0; i < m_.vars.size(); ++i)
            if (!m_.vars[i].cmeta_id.empty()) by_id[m_.vars[i].cmeta_id] = static_cast<int>(i);
        for (const auto& d : docs_) {
            for (const auto x : d->doc.select_nodes("//*[local-name()='Description']")) {
                const std::string about = attr(x.node(), "about");
                if (about.size() < 2 || about[0] != '#' || !by_id.count(about.substr(1))) continue;
                for (const auto k : x.node().children()) {
                    const std::string res = attr(k, "resource");
                    const auto h = res.find("oxford-metadata#");
                    if (h == std::string::npos) continue;
                    const variable& v = m_.vars[by_id[about.substr(1)]];
                    m_.oxmeta[res.substr(h + 16)] = v.component + "." + v.name;
                }
            }
        }
    }
};

} // namespace

model read_model(const std::string& path) {
    return reader{}.read(path);
}

} // namespace noneq_cellml
