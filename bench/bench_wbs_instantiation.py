"""Benchmark: creating a project's tasks from a WBS template against a baseline.

Builds a template of R roots x 4 children x 4 grandchildren (21 tasks a root,
each task waiting for the previous one, one deliverable a root) inside a
transaction that is rolled back, then measures on two projects:

* baseline: the same task tree created with Odoo's own ``project.task.create``,
  one batched create per tree level (what a straightforward implementation
  does; Odoo then subscribes, stages and times each task one by one), without
  dependencies, milestones or deliverables;
* template: ``project.project._ps_instantiate_template()`` — tasks, WBS codes,
  dates, dependencies, milestones, deliverables, risks.

    bin/bench bench/bench_wbs_instantiation.py -d <database> [-r 10]
"""

import argparse

from _common import measure, report, rolled_back_env


def build_template(env, roots):
    template = env["ps.wbs.template"].create({"name": f"Bench template {roots}"})
    Node = env["ps.wbs.template.node"]
    level = Node.create(
        [{"template_id": template.id, "name": f"R{r}", "is_milestone": True} for r in range(roots)]
    )
    for _depth in range(2):
        level = Node.create(
            [
                {
                    "template_id": template.id,
                    "parent_id": parent.id,
                    "name": f"{parent.name}.{i}",
                    "planned_hours": 4,
                    "duration_days": 2,
                }
                for parent in level
                for i in range(4)
            ]
        )
    nodes = template.node_ids.sorted("id")
    for previous, node in zip(nodes, nodes[1:], strict=False):
        node.depend_on_ids = previous
    env["ps.wbs.template.deliverable"].create(
        [
            {"template_id": template.id, "name": f"Report {n.name}", "node_id": n.id}
            for n in nodes.filtered(lambda n: not n.parent_id)
        ]
    )
    return template


def plain_tree(env, project, template):
    """The baseline: the same tree with Odoo's task create, level by level."""
    task_of = {}
    nodes = template.node_ids.sorted(lambda n: (n.parent_path.count("/"), n.id))
    for depth in sorted({n.parent_path.count("/") for n in nodes}):
        level = nodes.filtered(lambda n, depth=depth: n.parent_path.count("/") == depth)
        tasks = env["project.task"].create(
            [
                {
                    "name": n.name,
                    "project_id": project.id,
                    "parent_id": task_of.get(n.parent_id.id, False),
                    "allocated_hours": n.planned_hours,
                }
                for n in level
            ]
        )
        task_of.update(dict(zip(level.ids, tasks.ids, strict=True)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-r", "--roots", type=int, default=10, help="21 tasks a root")
    args = parser.parse_args()
    with rolled_back_env(args.database) as env:
        template = build_template(env, args.roots)
        Project = env["project.project"]
        base_project = Project.create({"name": "Bench baseline"})
        base = measure(env, lambda: plain_tree(env, base_project, template))
        project = Project.create({"name": "Bench template"})
        ours = measure(env, lambda: project._ps_instantiate_template(template))
        tasks = template.node_count
        assert len(project.task_ids) == tasks
    print(f"tasks: {tasks}")
    report("baseline (Odoo task create per level)", base, "template instantiation", ours)


if __name__ == "__main__":
    main()
