from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from odoo.addons.ps_base.internal import internal, is_internal


class CrmLead(models.Model):
    _inherit = "crm.lead"

    ps_followup_ids = fields.One2many("ps.customer.followup", "lead_id", string="Follow-ups")
    ps_big_deal_alerted = fields.Boolean(
        string="Big Deal Alerted",
        readonly=True,
        copy=False,
        help="The sales director was alerted when this opportunity reached the company's big "
        "deal amount.",
    )

    def _prepare_customer_values(self, partner_name, is_company=False, parent_id=False):
        # A customer created from an opportunity is a customer account owned by
        # the opportunity's salesperson.
        values = super()._prepare_customer_values(
            partner_name, is_company=is_company, parent_id=parent_id
        )
        if not parent_id:
            values["ps_is_customer"] = True
        return values

    # ------------------------------------------------------------------
    # Lead-to-cash gates (see ps_ltc_gate.py)
    # ------------------------------------------------------------------
    ps_gate_check_ids = fields.One2many("ps.lead.gate.check", "lead_id", string="Gate Checklists")
    ps_gate_passage_ids = fields.One2many("ps.lead.gate.passage", "lead_id", string="Gate Passages")

    def _ps_candidate_gates(self):
        """Gates that may apply to any of these opportunities (one search for the
        batch; `_ps_applies_to` then decides per opportunity)."""
        return (
            self.env["ps.ltc.gate"]
            .sudo()
            .search(
                [
                    ("company_id", "in", [False, *self.company_id.ids]),
                    "|",
                    ("team_ids", "=", False),
                    ("team_ids", "in", self.team_id.ids),
                ]
            )
        )

    def _ps_applicable_gates(self, candidates=None):
        self.ensure_one()
        gates = self._ps_candidate_gates() if candidates is None else candidates
        return gates.filtered(lambda g: g._ps_applies_to(self))

    def action_ps_sync_gate_checks(self):
        """Create the checklist lines of the gates that apply to these opportunities."""
        Check = self.env["ps.lead.gate.check"].sudo()
        candidates = self._ps_candidate_gates()
        vals_list = []
        for lead in self:
            have = set(lead.sudo().ps_gate_check_ids.item_id.ids)
            vals_list += [
                {"lead_id": lead.id, "item_id": item.id}
                for item in lead._ps_applicable_gates(candidates).item_ids
                if item.id not in have
            ]
        if vals_list:
            Check.create(vals_list)
        return True

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads.action_ps_sync_gate_checks()
        leads._ps_alert_big_deals()
        return leads

    # ------------------------------------------------------------------
    # Big deals
    # ------------------------------------------------------------------
    def _ps_big_deal_reviewers(self):
        """Who hears of a big deal: the leader of its sales team, or else the
        company's sales directors (never the salesperson about their own deal)."""
        self.ensure_one()
        reviewers = self.team_id.user_id
        if not reviewers:
            company = self.company_id or self.env.company
            reviewers = (
                self.env.ref("sales_team.group_sale_manager")
                .sudo()
                .users.filtered(lambda u: not u.share and company in u.company_ids)
            )
        return reviewers - self.user_id

    def _ps_alert_big_deals(self):
        """Once per opportunity, when its expected revenue first reaches the
        company's big deal amount: a to-do for the sales director on it."""
        big = self.filtered(
            lambda lead: lead.type == "opportunity"
            and lead.active
            and not lead.ps_big_deal_alerted
            and (lead.company_id or self.env.company).ps_big_deal_amount
            and lead.expected_revenue >= (lead.company_id or self.env.company).ps_big_deal_amount
        )
        if not big:
            return
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for lead in big:
            amount = formatLang(self.env, lead.expected_revenue, currency_obj=lead.company_currency)
            for reviewer in lead._ps_big_deal_reviewers():
                # in the reviewer's language: the to-do is theirs
                env = lead.with_context(lang=reviewer.lang or self.env.lang).env
                lead.sudo().activity_schedule(
                    activity_type_id=todo.id if todo else False,
                    summary=env._("Big deal in the pipeline"),
                    note=env._(
                        "%(lead)s: expected revenue %(amount)s (%(salesperson)s).",
                        lead=lead.name,
                        amount=amount,
                        salesperson=lead.user_id.name or "-",
                    ),
                    user_id=reviewer.id,
                )
        internal(big.sudo()).write({"ps_big_deal_alerted": True})

    def _ps_check_gate_items(self, gate):
        self.ensure_one()
        self.action_ps_sync_gate_checks()
        missing = self.sudo().ps_gate_check_ids.filtered(lambda c: c.gate_id == gate and not c.done)
        if missing:
            raise UserError(
                self.env._(
                    "%(lead)s cannot pass the gate %(gate)s: check %(items)s first.",
                    lead=self.name,
                    gate=gate.name,
                    items=", ".join(f"“{name}”" for name in missing.mapped("name")),
                )
            )

    def _ps_pass_gates(self, gates):
        """Pass these gates or explain, in one sentence, what is missing."""
        Passage = self.env["ps.lead.gate.passage"].sudo()
        for lead in self:
            passed = lead.sudo().ps_gate_passage_ids.filtered(lambda p: p.state == "passed")
            for gate in gates.filtered(lambda g, lead=lead: g._ps_applies_to(lead)):
                if gate in passed.gate_id:
                    continue
                lead._ps_check_gate_items(gate)
                if gate.requires_approval:
                    raise UserError(
                        self.env._(
                            "%(lead)s cannot pass the gate %(gate)s before it is approved: "
                            "request the approval in the Gates tab.",
                            lead=lead.name,
                            gate=gate.name,
                        )
                    )
                Passage.create({"lead_id": lead.id, "gate_id": gate.id, "state": "passed"})

    def write(self, vals):
        if is_internal(self.env):
            return super().write(vals)
        if "ps_big_deal_alerted" in vals:
            raise UserError(self.env._("Whether a big deal was alerted is not set by hand."))
        Gate = self.env["ps.ltc.gate"].sudo()
        if vals.get("type") == "opportunity":
            leads = self.filtered(lambda lead: lead.type == "lead")
            leads._ps_pass_gates(Gate.search([("gate_type", "=", "lead_to_opportunity")]))
        if vals.get("stage_id"):
            stage = self.env["crm.stage"].browse(vals["stage_id"])
            stage_gates = Gate.search(
                [("stage_id", "!=", False), ("gate_type", "!=", "lead_to_opportunity")]
            )
            for lead in self.filtered(lambda lead: lead.stage_id != stage):
                gates = stage_gates.filtered(
                    lambda g, lead=lead: g.stage_id.sequence <= stage.sequence
                    and (not lead.stage_id or g.stage_id.sequence > lead.stage_id.sequence)
                )
                lead._ps_pass_gates(gates)
        res = super().write(vals)
        if vals.keys() & {"expected_revenue", "type", "active", "company_id"}:
            self._ps_alert_big_deals()
        return res

    def action_ps_request_gate_approval(self):
        """Open (or create) the passage of the next gate that needs an approval and
        ask the reviewers for it."""
        self.ensure_one()
        # Salespeople may not create passages by hand: they ask for one here.
        Passage = self.env["ps.lead.gate.passage"].sudo()
        done = self.ps_gate_passage_ids.filtered(lambda p: p.state in ("passed", "draft")).gate_id
        gate = self._ps_applicable_gates().filtered(
            lambda g: g.requires_approval and g not in done
        )[:1]
        passage = self.ps_gate_passage_ids.filtered(lambda p: p.state == "draft")[:1]
        if gate:
            self._ps_check_gate_items(gate)
            passage = Passage.create({"lead_id": self.id, "gate_id": gate.id})
            passage.with_user(self.env.user).sudo().request_validation()
        elif passage and passage.sudo().validation_status == "rejected":
            # reworked after a rejection: asked afresh (ps_base withdraws the rejected round)
            self._ps_check_gate_items(passage.gate_id)
            passage.with_user(self.env.user).sudo().request_validation()
        if not passage:
            raise UserError(
                self.env._("No gate of %(lead)s waits for an approval.", lead=self.name)
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "ps.lead.gate.passage",
            "res_id": passage.id,
            "view_mode": "form",
            "target": "current",
        }
