"""zh_CN and zh_TW translations: complete, current, and loaded by Odoo."""

from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

ADDONS = Path(__file__).resolve().parent.parent / "addons"
SUITE = sorted(p.name for p in ADDONS.iterdir() if (p / "__manifest__.py").exists())
LANGS = ("zh_CN", "zh_TW")


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_po_files_cover_every_term_of_the_code(self):
        """Every term Odoo would export today has a translation in both languages.

        The terms come from the installed addons (models, views, menus, groups,
        Python and JS code), as `odoo-bin --i18n-export` collects them; a term
        added without translating it, or a .pot left stale, fails here.
        """
        for module in SUITE:
            terms = {
                source
                for _mod, _type, _name, _res_id, source, _value, _comments in (
                    TranslationModuleReader(self.env.cr, modules=[module])
                )
            }
            self.assertTrue(terms, module)
            pot = {e.msgid for e in polib.pofile(str(ADDONS / module / "i18n" / f"{module}.pot"))}
            self.assertEqual(pot, terms, f"{module}.pot is stale: re-export it")
            for lang in LANGS:
                po = polib.pofile(str(ADDONS / module / "i18n" / f"{lang}.po"))
                translated = {e.msgid for e in po if e.msgstr and not e.fuzzy}
                self.assertEqual(terms - translated, set(), f"{module}/{lang}.po misses terms")
                untranslated = [
                    e.msgid for e in po if e.msgstr == e.msgid and not e.msgid.isupper()
                ]  # copied English (acronyms such as "ID" stay as they are)
                self.assertEqual(untranslated, [], f"{module}/{lang}.po")

    def test_menus_and_groups_read_in_chinese(self):
        for lang in LANGS:
            self.env["res.lang"]._activate_lang(lang)
        self.env["ir.module.module"]._load_module_terms(SUITE, list(LANGS), overwrite=True)
        expected = {
            "ps_contract.ps_contract_menu_root": ("合同", "合約"),
            "ps_expense_finance.ps_expense_finance_menu_root": ("项目财务", "專案財務"),
            "ps_knowledge.ps_knowledge_menu_root": ("知识库", "知識庫"),
            "ps_dashboard.ps_dashboard_menu_root": ("驾驶舱", "駕駛艙"),
            "ps_contract.group_ps_finance": ("财务主管", "財務主管"),
            "ps_dashboard.group_ps_executive": ("高管", "高階主管"),
        }
        for xmlid, names in expected.items():
            record = self.env.ref(xmlid)
            for lang, name in zip(LANGS, names, strict=True):
                self.assertEqual(record.with_context(lang=lang).name, name, f"{xmlid} in {lang}")
