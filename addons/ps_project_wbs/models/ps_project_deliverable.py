from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ps_base.internal import internal, is_system

from .ps_wbs_template import PHASES


class PsProjectDeliverable(models.Model):
    """What a project hands over (report, solution, plan, courseware...): planned,
    submitted by its owner, then accepted or rejected with a reason by the
    project manager (or the PMO) on their own or the customer contact's behalf."""

    _name = "ps.project.deliverable"
    _description = "Project Deliverable"
    _inherit = ["ps.deliverable.spec", "mail.thread", "mail.activity.mixin"]
    _order = "date_due, id"
    _check_company_auto = True

    project_id = fields.Many2one(
        "project.project", required=True, index=True, ondelete="cascade", check_company=True
    )
    task_id = fields.Many2one(
        "project.task",
        index="btree_not_null",
        check_company=True,
        domain="[('project_id', '=', project_id)]",
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    owner_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    date_due = fields.Date(string="Due Date", tracking=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "ps_project_deliverable_attachment_rel",
        "deliverable_id",
        "attachment_id",
        string="Files",
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("submitted", "Submitted"),
            ("accepted", "Accepted"),
            ("rejected", "Rejected"),
        ],
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    rejection_reason = fields.Text(readonly=True, tracking=True)
    ps_quality_gate_id = fields.Many2one(
        "ps.project.gate",
        string="Cleared by Quality Review",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The approved quality review that cleared this version of the deliverable for "
        "hand-over; a rejection by the customer asks for a new review of the rework.",
    )
    accepted_by_id = fields.Many2one("res.users", readonly=True)
    customer_contact_id = fields.Many2one(
        "res.partner",
        tracking=True,
        help="The customer's contact who accepted the deliverable, when they did.",
    )
    date_accepted = fields.Datetime(readonly=True)
    ps_quality_gate_ids = fields.One2many(
        "ps.project.gate", "deliverable_id", string="Quality Reviews", readonly=True
    )
    ps_quality_review_required = fields.Boolean(
        related="project_id.ps_project_type_id.ps_quality_review",
        string="Quality Review Required",
    )
    ps_can_decide = fields.Boolean(
        string="Can Accept or Reject",
        compute="_compute_ps_can_decide",
        help="You manage its project or are in the PMO: you accept or reject it.",
    )

    @api.depends("project_id.user_id")
    @api.depends_context("uid")
    def _compute_ps_can_decide(self):
        pmo = self.env.user.has_group("project.group_project_manager")
        for deliverable in self:
            manager = deliverable.project_id.sudo().user_id
            deliverable.ps_can_decide = pmo or manager == self.env.user

    # States only the project manager or the PMO may set.
    _DECISIONS = ("accepted", "rejected")

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("state") in self._DECISIONS for vals in vals_list):
            projects = self.env["project.project"].browse(
                [vals.get("project_id") for vals in vals_list]
            )
            projects._ps_check_manager(self.env._("decide on deliverables"))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("state") in self._DECISIONS:
            self.project_id._ps_check_manager(self.env._("accept or reject deliverables"))
        guarded = {"state", "accepted_by_id", "date_accepted", "ps_quality_gate_id"}
        if vals.keys() & guarded and not is_system(self.env):
            raise UserError(
                self.env._(
                    "A deliverable moves with its buttons (Submit, Accept, Reject), not by "
                    "editing its state."
                )
            )
        locked = vals.keys() & {"attachment_ids", "name", "deliverable_type", "project_id"}
        if locked and self.filtered(lambda d: d.state == "accepted"):
            raise UserError(
                self.env._(
                    "Deliverable %(name)s is accepted: its files and description cannot change.",
                    name=self.filtered(lambda d: d.state == "accepted")[0].name,
                )
            )
        return super().write(vals)

    def _ps_check_state(self, allowed, action):
        wrong = self.filtered(lambda d: d.state not in allowed)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Deliverable %(name)s is %(state)s: it cannot be %(action)s.",
                    name=wrong[0].name,
                    state=labels[wrong[0].state],
                    action=action,
                )
            )

    def action_submit(self):
        self._ps_check_state(("planned", "rejected"), self.env._("submitted"))
        self._ps_check_quality_reviewed()
        internal(self).write({"state": "submitted"})
        return True

    def _ps_check_quality_reviewed(self):
        """DR3: where the project type asks for it, a deliverable goes to the
        customer only once its quality review was approved."""
        for deliverable in self.sudo():
            project_type = deliverable.project_id.ps_project_type_id
            if not project_type.ps_quality_review:
                continue
            # cleared by the review approved since its last rejection, if any
            if not deliverable.ps_quality_gate_id:
                waiting = deliverable.ps_quality_gate_ids.filtered(
                    lambda g: g.gate_type == "quality"
                    and g.state == "draft"
                    and g.review_ids
                    and g.validation_status != "rejected"
                )
                raise UserError(
                    self.env._(
                        "Deliverable %(name)s needs an approved quality review before it is "
                        "handed over to the customer (projects of type %(type)s): %(status)s",
                        name=deliverable.name,
                        type=project_type.name,
                        status=self.env._("its quality review waits for its reviewers.")
                        if waiting
                        else self.env._(
                            "the project manager requests it (Request Quality Review), the PMO "
                            "approves it."
                        ),
                    )
                )

    def action_ps_request_quality_review(self):
        """Ask the PMO (the quality review's approval rules) to clear the
        deliverable for hand-over; reuses the review waiting, if any."""
        self.ensure_one()
        self.check_access("read")
        self.project_id._ps_check_manager(self.env._("ask for project decisions"))
        self._ps_check_state(("planned", "rejected"), self.env._("reviewed"))
        gate = self.sudo().ps_quality_gate_ids.filtered(
            lambda g: g.gate_type == "quality" and g.state == "draft"
        )[:1]
        if not gate:
            gate = (
                self.env["ps.project.gate"]
                .sudo()
                .create(
                    {
                        "project_id": self.project_id.id,
                        "gate_type": "quality",
                        "deliverable_id": self.id,
                    }
                )
            )
        gate.with_user(self.env.user).sudo().action_ps_submit()
        return self.project_id._ps_open_gate(gate)

    def action_accept(self):
        self._ps_check_state(("submitted",), self.env._("accepted"))
        internal(self).write(
            {
                "state": "accepted",
                "accepted_by_id": self.env.user.id,
                "date_accepted": fields.Datetime.now(),
                "rejection_reason": False,
            }
        )
        self._ps_on_accepted()
        return True

    def action_reject(self):
        self._ps_check_state(("submitted",), self.env._("rejected"))
        self.project_id._ps_check_manager(self.env._("accept or reject deliverables"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject Deliverable"),
            "res_model": "ps.deliverable.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_deliverable_ids": self.ids},
        }

    def _ps_reject(self, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the deliverable is rejected."))
        self._ps_check_state(("submitted",), self.env._("rejected"))
        internal(self).write(
            {
                "state": "rejected",
                "rejection_reason": reason,
                "ps_quality_gate_id": False,
            }
        )

    def _ps_on_accepted(self):
        """Hook called once for the deliverables just accepted (contracts bill
        their milestones, the knowledge vault archives the files)."""
        return True


class PsProjectRisk(models.Model):
    """A risk (may happen) or an issue (has happened) of a project, scored by
    probability times impact."""

    _name = "ps.project.risk"
    _description = "Project Risk or Issue"
    _inherit = ["ps.risk.spec", "mail.thread", "mail.activity.mixin"]
    _order = "state, score desc, id"
    _check_company_auto = True

    project_id = fields.Many2one(
        "project.project", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    owner_id = fields.Many2one("res.users", domain="[('share', '=', False)]", tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("mitigating", "Being Handled"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
    )
    date_identified = fields.Date(default=fields.Date.context_today)


class PsProjectKnowledgeCheck(models.Model):
    """An item of the template's knowledge checklist, ticked by the team."""

    _name = "ps.project.knowledge.check"
    _description = "Project Knowledge Checklist Item"
    _order = "project_id, sequence, id"

    project_id = fields.Many2one("project.project", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    phase = fields.Selection(PHASES, default="planning")
    description = fields.Text()
    done = fields.Boolean()
