from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.ps_base.internal import internal, is_system

from .ps_wbs_template import PHASES

# The gate a project must have passed to enter a phase.
PHASE_NEEDS_GATE = {
    "planning": "initiation",
    "execution": "plan",
    "monitoring": "plan",
    "closing": "closure",
}


class ProjectProject(models.Model):
    """The project of a professional-service firm: its type, its phase in the
    five-phase lifecycle, its gates, deliverables, risks and knowledge
    checklist. Its other concerns have their own files: phase and gates
    (``project_project_phase``), roll-ups (``project_project_rollup``) and WBS
    templates (``project_project_template``)."""

    _inherit = "project.project"

    ps_project_type_id = fields.Many2one(
        "ps.project.type",
        string="Project Type",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    ps_phase = fields.Selection(
        PHASES,
        string="Phase",
        default="initiation",
        required=True,
        tracking=True,
        index=True,
        group_expand="_group_expand_ps_phase",
    )
    ps_wbs_template_id = fields.Many2one(
        "ps.wbs.template",
        string="WBS Template",
        copy=False,
        help="The template the project's tasks were created from.",
    )

    ps_gate_ids = fields.One2many("ps.project.gate", "project_id", string="Gates")
    ps_deliverable_ids = fields.One2many(
        "ps.project.deliverable", "project_id", string="Deliverables"
    )
    ps_risk_ids = fields.One2many("ps.project.risk", "project_id", string="Risks and Issues")
    ps_knowledge_check_ids = fields.One2many(
        "ps.project.knowledge.check", "project_id", string="Knowledge Checklist"
    )
    ps_deliverable_count = fields.Integer(compute="_compute_ps_counts")
    ps_risk_count = fields.Integer(compute="_compute_ps_counts", string="Open Risks")
    ps_gate_count = fields.Integer(compute="_compute_ps_counts")
    ps_lessons_learned = fields.Html(string="Lessons Learned", copy=False)

    ps_baseline_version = fields.Integer(
        string="Baseline Version",
        readonly=True,
        copy=False,
        help="0 until the plan is approved; each approved change request adds one.",
    )
    ps_baseline_date = fields.Datetime(string="Baselined On", readonly=True, copy=False)

    def _compute_ps_counts(self):
        def counts(model, domain=()):
            return dict(
                self.env[model]._read_group(
                    [("project_id", "in", self.ids), *domain], ["project_id"], ["__count"]
                )
            )

        deliverables = counts("ps.project.deliverable")
        risks = counts("ps.project.risk", [("state", "!=", "closed")])
        gates = counts("ps.project.gate")
        for project in self:
            project.ps_deliverable_count = deliverables.get(project, 0)
            project.ps_risk_count = risks.get(project, 0)
            project.ps_gate_count = gates.get(project, 0)

    @api.model_create_multi
    def create(self, vals_list):
        # A project of a type gets the type's visibility (members only, by default)
        # and its task stages.
        types = self.env["ps.project.type"].browse(
            [vals["ps_project_type_id"] for vals in vals_list if vals.get("ps_project_type_id")]
        )
        visibility = {t.id: t.privacy_visibility for t in types}
        stages = {t.id: t.sudo().task_stage_ids.ids for t in types}
        for vals in vals_list:
            if vals.get("ps_phase", "initiation") != "initiation" and not self.env.su:
                raise UserError(
                    self.env._(
                        "Project %(project)s starts in the Initiation phase: the later phases "
                        "are reached through their gates.",
                        project=vals.get("name", ""),
                    )
                )
            if vals.get("ps_project_type_id") and "privacy_visibility" not in vals:
                vals["privacy_visibility"] = visibility[vals["ps_project_type_id"]]
            if stages.get(vals.get("ps_project_type_id")) and "type_ids" not in vals:
                vals["type_ids"] = [fields.Command.set(stages[vals["ps_project_type_id"]])]
        return super().create(vals_list)

    def write(self, vals):
        if vals.keys() & {"ps_baseline_version", "ps_baseline_date"} and not is_system(self.env):
            raise AccessError(
                self.env._(
                    "A project's baseline changes only when its plan or a change request is "
                    "approved."
                )
            )
        if vals.get("ps_phase") and not is_system(self.env):
            order = [key for key, _label in PHASES]
            back = self.filtered(
                lambda p: p.ps_phase and order.index(vals["ps_phase"]) < order.index(p.ps_phase)
            )
            if back:
                phases = dict(self._fields["ps_phase"]._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "Project %(project)s is in the %(phase)s phase: a project does not go "
                        "back to an earlier phase. Ask for a change request instead.",
                        project=back[0].name,
                        phase=phases[back[0].ps_phase],
                    )
                )
        needed = PHASE_NEEDS_GATE.get(vals.get("ps_phase"))
        if needed:
            for project in self.filtered(lambda p: p.ps_phase != vals["ps_phase"]):
                approved = project.sudo().ps_gate_ids.filtered(
                    lambda g: g.gate_type == needed and g.state == "approved"
                )
                if not approved:
                    labels = dict(
                        self.env["ps.project.gate"]
                        ._fields["gate_type"]
                        ._description_selection(self.env)
                    )
                    phases = dict(self._fields["ps_phase"]._description_selection(self.env))
                    raise UserError(
                        self.env._(
                            "Project %(project)s cannot enter the %(phase)s phase before its "
                            "%(gate)s is approved: request it from the project.",
                            project=project.name,
                            phase=phases[vals["ps_phase"]],
                            gate=labels[needed],
                        )
                    )
        return super().write(vals)

    # -- deletion -------------------------------------------------------------
    def _ps_kept_history(self):
        """What this project keeps for the record, in words (empty: nothing,
        the project may be deleted). Addons add their own facts."""
        self.ensure_one()
        kept = []
        project = self.sudo()
        sent = project.ps_gate_ids._ps_sent()
        if sent:
            kept.append(self.env._("gate %(gate)s", gate=sent[0].display_name))
        delivered = project.ps_deliverable_ids.filtered(lambda d: d.state != "planned")
        if delivered:
            kept.append(self.env._("deliverable %(name)s", name=delivered[0].name))
        return kept

    def _ps_records_deleted_with_project(self):
        """Records PostgreSQL would delete with the project (ondelete cascade):
        deleted through the ORM first, so that their messages, followers,
        activities and reviews go with them."""
        projects = self.sudo().with_context(active_test=False)
        return [projects.ps_gate_ids, projects.ps_deliverable_ids, projects.ps_risk_ids]

    def _ps_check_deletable(self):
        """A project that keeps history is archived, not deleted: PostgreSQL
        would delete its decided gates, approved budgets... past their guards."""
        if is_system(self.env):
            return
        for project in self:
            kept = project._ps_kept_history()
            if kept:
                raise UserError(
                    self.env._(
                        "Project %(project)s keeps its history (%(kept)s): archive it "
                        "instead of deleting it.",
                        project=project.name,
                        kept=", ".join(kept),
                    )
                )

    def unlink(self):
        # checked before anything goes: the records below are deleted first
        self._ps_check_deletable()
        for records in self._ps_records_deleted_with_project():
            internal(records).unlink()
        return super().unlink()

    # -- roles ------------------------------------------------------------------
    def _ps_check_manager(self, action):
        """Only the project's manager or the PMO may ``action`` on a project."""
        if self.env.su or self.env.user.has_group("project.group_project_manager"):
            return
        others = self.sudo().filtered(lambda p: p.user_id != self.env.user)
        if others:
            raise AccessError(
                self.env._(
                    "Only the project manager of %(project)s or the PMO may %(action)s.",
                    project=others[0].name,
                    action=action,
                )
            )

    @api.model
    def _group_expand_ps_phase(self, values, domain):
        return [key for key, _label in PHASES]
