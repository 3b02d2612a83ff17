"""No reviewer never means no control (issue 15, hole 4).

Every decision point of the suite ships an approval rule as editable data
(``noupdate``), and where an implementer removes every rule of a decision
point, its owning role still decides it, never the user who asked for it.
Each refusal is tried as the role that would try it and asserts that nothing
moved.
"""

from contextlib import contextmanager

from loop_story import SHIPPED_RULES

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.ps_base.internal import internal
from odoo.addons.ps_project_wbs.tests.common import meet_start_requirements

DECISION_POINTS = SHIPPED_RULES


class DefaultApprovalsCase(TransactionCase):
    """Users of every deciding role, a customer and a service."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.salesman = new_test_user(
            cls.env, login="ps_da_sales", groups="sales_team.group_sale_salesman"
        )
        cls.director = new_test_user(
            cls.env, login="ps_da_director", groups="sales_team.group_sale_manager"
        )
        cls.director_2 = new_test_user(
            cls.env, login="ps_da_director_2", groups="sales_team.group_sale_manager"
        )
        cls.ceo = new_test_user(
            cls.env, login="ps_da_ceo", groups="base.group_user,ps_dashboard.group_ps_executive"
        )
        cls.pm = new_test_user(
            cls.env, login="ps_da_pm", groups="base.group_user,project.group_project_user"
        )
        cls.pmo = new_test_user(
            cls.env, login="ps_da_pmo", groups="base.group_user,project.group_project_manager"
        )
        cls.customer = cls.env["res.partner"].create({"name": "Default Rules Client"})
        cls.service = cls.env["product.product"].create(
            {"name": "Diagnostic", "type": "service", "list_price": 1000.0, "taxes_id": False}
        )

    @contextmanager
    def assertRaisesRegex(self, expected_exception, expected_regex):
        """Odoo's assertRaises (it rolls back what the failing call wrote, as
        the web client's transaction would), and the message."""
        with self.assertRaises(expected_exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), expected_regex)

    # ------------------------------------------------------------------
    def _contract(self, user, discount=0.0, quantity=10):
        return (
            self.env["ps.contract"]
            .with_user(user)
            .create(
                {
                    "title": "Default rules",
                    "partner_id": self.customer.id,
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": self.service.id,
                                "quantity": quantity,
                                "discount": discount,
                            }
                        )
                    ],
                    "milestone_ids": [
                        Command.create({"name": "All", "percentage": 100, "date_due": "2026-12-31"})
                    ],
                }
            )
        )

    def _archive_rules(self, model):
        self.env["tier.definition"].search([("model", "=", model)]).active = False

    def _pending_groups(self, record):
        reviews = record.sudo().review_ids.filtered(lambda r: r.status in ("waiting", "pending"))
        return set(reviews.mapped("reviewer_group_id.id"))


@tagged("post_install", "-at_install")
class TestDefaultApprovals(DefaultApprovalsCase):
    # ------------------------------------------------------------------
    def test_every_decision_point_ships_an_editable_rule_and_an_owning_role(self):
        Data = self.env["ir.model.data"]
        for model, (xmlids, group) in DECISION_POINTS.items():
            self.assertEqual(self.env[model]._ps_decider_group, group, model)
            self.env.ref(group)  # the owning group exists
            for xmlid in xmlids:
                rule = self.env.ref(xmlid)
                self.assertEqual(rule.model, model, xmlid)
                self.assertTrue(rule.active, xmlid)
                module, name = xmlid.split(".")
                data = Data.search([("module", "=", module), ("name", "=", name)])
                self.assertTrue(data.noupdate, f"{xmlid} is overwritten on update")

    def test_employees_cannot_remove_or_loosen_the_rules(self):
        rule = self.env.ref("ps_contract.tier_definition_contract_director")
        for user in (self.salesman, self.director, self.pmo):
            with self.assertRaises(AccessError):
                rule.with_user(user).write({"active": False})
            with self.assertRaises(AccessError):
                rule.with_user(user).write({"definition_domain": "[('id', '=', 0)]"})
        self.assertTrue(rule.active)
        self.assertEqual(rule.definition_domain, "[]")

    def test_a_salesperson_cannot_sign_a_deeply_discounted_contract_alone(self):
        contract = self._contract(self.salesman, discount=60.0)
        contract.action_submit_review()
        self.assertEqual(
            self._pending_groups(contract),
            {
                self.env.ref("sales_team.group_sale_manager").id,
                self.env.ref("ps_dashboard.group_ps_executive").id,
            },
        )
        with self.assertRaisesRegex(UserError, "waits for your decision"):
            contract.validate_tier()
        with self.assertRaisesRegex(UserError, "under review"):
            contract.action_sign()
        self.assertEqual(contract.state, "review")
        # the director approves; the CEO's approval of the discount is still missing
        contract.with_user(self.director).validate_tier()
        with self.assertRaisesRegex(UserError, "under review"):
            contract.action_sign()
        contract.with_user(self.ceo).validate_tier()
        contract.action_sign()
        self.assertEqual(contract.state, "signed")

    def test_without_any_rule_a_director_other_than_the_requester_decides(self):
        self._archive_rules("ps.contract")
        contract = self._contract(self.director)
        contract.action_submit_review()
        review = contract.sudo().review_ids
        self.assertEqual(len(review), 1)
        self.assertTrue(review.definition_id.ps_fallback)
        self.assertFalse(review.definition_id.active)
        self.assertNotIn(self.director, review.reviewer_ids)
        self.assertIn(self.director_2, review.reviewer_ids)
        self.assertFalse(contract.can_review)
        with self.assertRaisesRegex(UserError, "You asked for the decision"):
            contract.validate_tier()
        with self.assertRaisesRegex(UserError, "You asked for the decision"):
            contract.reject_tier()
        with self.assertRaisesRegex(UserError, "under review"):
            contract.action_sign()
        self.assertIn(review.status, ("waiting", "pending"))
        self.assertEqual(contract.state, "review")
        # a salesperson is not of the owning role (nor reads a director's contract)
        with self.assertRaises(AccessError):
            contract.with_user(self.salesman).validate_tier()
        contract.with_user(self.director_2).validate_tier()
        self.assertEqual(review.status, "approved")
        contract.action_sign()
        self.assertEqual(contract.state, "signed")

    def test_deleting_the_fallback_rule_does_not_remove_the_control(self):
        self._archive_rules("ps.contract")
        first = self._contract(self.salesman)
        first.action_submit_review()
        fallback = first.sudo().review_ids.definition_id
        self.assertTrue(fallback.ps_fallback)
        # an administrator deletes it (with the reviews made from it)
        first.sudo().action_reset_draft()
        internal(self.env["tier.review"].search([("definition_id", "=", fallback.id)])).unlink()
        fallback.unlink()
        contract = self._contract(self.salesman)
        contract.action_submit_review()
        review = contract.sudo().review_ids
        self.assertTrue(review.definition_id.ps_fallback)
        self.assertIn(self.director, review.reviewer_ids)
        with self.assertRaisesRegex(UserError, "under review"):
            contract.action_sign()
        self.assertEqual(contract.state, "review")

    def test_the_only_member_of_the_owning_role_cannot_ask_herself(self):
        self._archive_rules("ps.project.gate")
        pmo_group = self.env.ref("project.group_project_manager")
        others = pmo_group.users - self.pmo
        project = self.env["project.project"].create({"name": "Lonely PMO", "user_id": self.pmo.id})
        # every other PMO leaves the group: only the requester could decide
        pmo_group.sudo().write({"users": [Command.unlink(u.id) for u in others]})
        with self.assertRaisesRegex(UserError, "No one but you may decide"):
            project.with_user(self.pmo).action_ps_request_initiation()
        # nothing half-written: no gate, no review, still in initiation
        project.invalidate_recordset()
        self.assertFalse(self.env["ps.project.gate"].search([("project_id", "=", project.id)]))
        self.assertEqual(project.ps_phase, "initiation")

    def test_a_project_manager_does_not_start_her_project_alone(self):
        for archived in (False, True):
            with self.subTest(rules_archived=archived):
                if archived:
                    self._archive_rules("ps.project.gate")
                project = self.env["project.project"].create(
                    {"name": f"Start {archived}", "user_id": self.pm.id}
                )
                meet_start_requirements(project)  # DR1: an approved budget
                project.with_user(self.pm).action_ps_request_initiation()
                gate = project.ps_gate_ids
                self.assertEqual(gate.state, "draft")
                self.assertEqual(project.ps_phase, "initiation")
                self.assertEqual(gate.sudo().review_ids.definition_id.ps_fallback, archived)
                with self.assertRaises(UserError):
                    gate.with_user(self.pm).validate_tier()
                with self.assertRaises(UserError):
                    gate.with_user(self.pm).action_approve()
                self.assertEqual(gate.state, "draft")
                gate.with_user(self.pmo).validate_tier()
                self.assertEqual(gate.state, "approved")
                self.assertEqual(project.ps_phase, "planning")

    def test_a_pmo_requesting_her_own_gate_without_rules_waits_for_a_colleague(self):
        self._archive_rules("ps.project.gate")
        project = self.env["project.project"].create({"name": "PMO's own", "user_id": self.pmo.id})
        meet_start_requirements(project)  # DR1: an approved budget
        project.with_user(self.pmo).action_ps_request_initiation()
        gate = project.ps_gate_ids
        with self.assertRaisesRegex(UserError, "You asked for the decision"):
            gate.with_user(self.pmo).validate_tier()
        with self.assertRaises(UserError):
            gate.with_user(self.pmo).action_approve()
        self.assertEqual(gate.state, "draft")
        pmo_2 = new_test_user(
            self.env, login="ps_da_pmo_2", groups="base.group_user,project.group_project_manager"
        )
        gate.with_user(pmo_2).validate_tier()
        self.assertEqual(project.ps_phase, "planning")

    def test_an_approval_does_not_carry_over_to_a_contract_changed_after_it(self):
        contract = self._contract(self.salesman)
        contract.action_submit_review()
        contract.with_user(self.director).validate_tier()
        self.assertEqual(contract.validation_status, "validated")
        # back to draft, a 60 % discount, and again for signature
        contract.action_reset_draft()
        self.assertFalse(contract.sudo().review_ids)
        contract.line_ids.discount = 60.0
        contract.action_submit_review()
        self.assertIn(contract.validation_status, ("waiting", "pending"))
        with self.assertRaisesRegex(UserError, "under review"):
            contract.action_sign()
        self.assertEqual(contract.state, "review")


@tagged("post_install", "-at_install")
class TestApprovalsFinishTheJob(DefaultApprovalsCase):
    """A reviewer's decision moves the document on by itself; a rejection
    returns it to its author's draft with the reason and a to-do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finance = new_test_user(
            cls.env, login="ps_da_finance", groups="base.group_user,ps_contract.group_ps_finance"
        )

    def _signed(self):
        contract = self._contract(self.salesman)
        contract.action_submit_review()
        contract.with_user(self.director).validate_tier()
        contract.action_sign()
        return contract

    def _submitted_request(self, contract):
        request = (
            self.env["ps.invoice.request"]
            .with_user(self.salesman)
            .create({"contract_id": contract.id, "milestone_id": contract.milestone_ids.id})
        )
        request.action_submit()
        return request

    def test_finance_approves_an_invoice_request_from_the_inbox(self):
        request = self._submitted_request(self._signed())
        self.assertEqual(request.state, "to_approve")
        items = (
            self.env["ps.approval.item"]
            .with_user(self.finance)
            .search([("res_model", "=", "ps.invoice.request"), ("res_id", "=", request.id)])
        )
        self.assertEqual(len(items), 1)
        items.with_user(self.finance).action_approve()
        self.assertEqual((request.state, request.approved_by_id), ("approved", self.finance))

    def test_a_rejected_invoice_request_returns_to_its_author(self):
        request = self._submitted_request(self._signed())
        request.with_user(self.finance).reject_tier()
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.sudo().review_ids.status, "rejected")  # kept for the record
        activity = request.activity_ids.filtered(lambda a: a.user_id == self.salesman)
        self.assertEqual(len(activity), 1)
        self.assertIn("Rejected by", request.message_ids[0].body)
        # reworked and resubmitted, it is reviewed afresh
        request.with_user(self.salesman).action_submit()
        self.assertEqual(request.state, "to_approve")
        self.assertIn(request.sudo().review_ids.status, ("waiting", "pending"))

    def test_a_rejected_contract_returns_to_its_salesperson(self):
        contract = self._contract(self.salesman)
        contract.action_submit_review()
        contract.with_user(self.director).reject_tier()
        self.assertEqual(contract.state, "draft")
        self.assertIn("Rejected by", contract.message_ids[0].body)
        self.assertTrue(contract.activity_ids.filtered(lambda a: a.user_id == self.salesman))
        with self.assertRaisesRegex(UserError, "cannot be signed|signed"):
            contract.action_sign()
        self.assertEqual(contract.state, "draft")

    def test_the_directors_validation_passes_the_deal_gate(self):
        gate = self.env["ps.ltc.gate"].create(
            {
                "name": "Deal approval (test)",
                "gate_type": "quote_to_deal",
                "stage_id": self.env.ref("crm.stage_lead4").id,
                "requires_approval": True,
            }
        )
        lead = self.env["crm.lead"].create(
            {"name": "Gate deal", "type": "opportunity", "user_id": self.salesman.id}
        )
        passage = (
            self.env["ps.lead.gate.passage"].sudo().create({"lead_id": lead.id, "gate_id": gate.id})
        )
        passage.with_user(self.salesman).request_validation()
        self.assertEqual(passage.state, "draft")
        with self.assertRaisesRegex(UserError, "waits for your decision"):
            passage.with_user(self.salesman).validate_tier()
        passage.with_user(self.director).validate_tier()
        self.assertEqual(passage.state, "passed")
