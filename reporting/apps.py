from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .library import library_changed
        from .models import (
            Answer,
            Choice,
            City,
            CityAccount,
            Commitment,
            LibraryEntry,
            Question,
            Questionnaire,
            Report,
            ReportingCycle,
            ReportTranslationStatus,
            Section,
        )

        def forget_accounts(user_ids):
            from eccar.cache import forget

            from .rules import city_accounts_cache_key
            from .selectors import home_accounts_cache_key

            forget(
                *[city_accounts_cache_key(pk) for pk in user_ids],
                *[home_accounts_cache_key(pk) for pk in user_ids],
            )

        def account_changed(sender, instance, **kwargs):
            forget_accounts([instance.user_id])

        def city_changed(sender, instance, **kwargs):
            from eccar.cache import forget

            from .selectors import REPORT_PLACES_KEY

            # Facets count cities' countries and sizes; results show their names; the
            # membership status decides what the city's accounts may read.
            library_changed()
            forget(REPORT_PLACES_KEY)
            forget_accounts(
                list(
                    CityAccount.objects.filter(city_id=instance.pk).values_list(
                        "user_id", flat=True
                    )
                )
            )

        def cycle_changed(sender, **kwargs):
            from eccar.cache import forget

            from .selectors import REPORT_PLACES_KEY, cycle_current_cache_key

            forget(cycle_current_cache_key(), REPORT_PLACES_KEY)

        def questionnaire_changed(sender, instance, **kwargs):
            from eccar.cache import forget

            from .selectors import (
                STRUCTURE_LEVELS,
                question_cache_key,
                questionnaire_structure_cache_key,
            )

            if sender is Choice:
                questions = Question.objects.filter(pk=instance.question_id)
            elif sender is Question:
                questions = Question.objects.filter(pk=instance.pk)
            else:
                questions = instance.questions.all()
            rows = list(questions.values_list("pk", "questionnaire_id"))
            questionnaire_ids = {q for _pk, q in rows}
            if sender is not Choice:
                questionnaire_ids.add(instance.questionnaire_id)
            keys = [question_cache_key(pk) for pk, _q in rows]
            if sender is Question:
                keys.append(question_cache_key(instance.pk))
            keys += [
                questionnaire_structure_cache_key(q, level)
                for q in questionnaire_ids
                for level in STRUCTURE_LEVELS
            ]
            forget(*keys)

        def commitment_changed(sender, instance, **kwargs):
            # The commitments are kept with each questionnaire's structure.
            from eccar.cache import forget

            from .models import Questionnaire
            from .selectors import STRUCTURE_LEVELS, questionnaire_structure_cache_key

            forget(
                *[
                    questionnaire_structure_cache_key(pk, level)
                    for pk in Questionnaire.objects.filter(plan_id=instance.plan_id).values_list(
                        "pk", flat=True
                    )
                    for level in STRUCTURE_LEVELS
                ]
            )

        def report_changed(sender, instance, **kwargs):
            from .selectors import report_forget_rows

            report_forget_rows([(instance.city_id, instance.cycle_id)])

        def report_part_changed(sender, instance, **kwargs):
            # Read with the report: its translation status, its questionnaire.
            from .selectors import report_forget_rows

            if sender is Questionnaire:
                reports = Report.objects.filter(questionnaire=instance)
            else:
                reports = Report.objects.filter(pk=instance.report_id)
            report_forget_rows(list(reports.values_list("city_id", "cycle_id")))

        def answer_changed(sender, instance, **kwargs):
            from .selectors import report_answers_changed

            report_answers_changed(instance.report_id)

        post_save.connect(answer_changed, sender=Answer, dispatch_uid="answer-saved")
        post_delete.connect(answer_changed, sender=Answer, dispatch_uid="answer-deleted")

        def library_entry_changed(sender, **kwargs):
            library_changed()

        post_save.connect(library_entry_changed, sender=LibraryEntry, dispatch_uid="entry-saved")
        post_delete.connect(library_entry_changed, sender=LibraryEntry, dispatch_uid="entry-gone")
        post_save.connect(report_changed, sender=Report, dispatch_uid="report-saved")
        post_delete.connect(report_changed, sender=Report, dispatch_uid="report-deleted")
        for model in (ReportTranslationStatus, Questionnaire):
            name = model.__name__
            post_save.connect(report_part_changed, sender=model, dispatch_uid=f"{name}-saved")
            post_delete.connect(report_part_changed, sender=model, dispatch_uid=f"{name}-gone")

        from eccar.cache import USER_PAGE_KEYS

        from .library import LIBRARY_GENERATION_KEY
        from .rules import city_accounts_cache_key
        from .selectors import REPORT_PLACES_KEY, cycle_current_cache_key, home_accounts_cache_key

        USER_PAGE_KEYS.extend(
            [
                city_accounts_cache_key,
                home_accounts_cache_key,
                lambda _user_id: cycle_current_cache_key(),
                lambda _user_id: REPORT_PLACES_KEY,
                lambda _user_id: LIBRARY_GENERATION_KEY,
            ]
        )
        post_save.connect(commitment_changed, sender=Commitment, dispatch_uid="commitment-saved")
        post_delete.connect(commitment_changed, sender=Commitment, dispatch_uid="commitment-gone")
        for model in (Question, Section, Choice):
            name = model.__name__
            post_save.connect(questionnaire_changed, sender=model, dispatch_uid=f"{name}-saved")
            post_delete.connect(questionnaire_changed, sender=model, dispatch_uid=f"{name}-gone")
        post_save.connect(cycle_changed, sender=ReportingCycle, dispatch_uid="cycle-saved")
        post_delete.connect(cycle_changed, sender=ReportingCycle, dispatch_uid="cycle-deleted")
        post_save.connect(account_changed, sender=CityAccount, dispatch_uid="accounts-saved")
        post_delete.connect(account_changed, sender=CityAccount, dispatch_uid="accounts-deleted")

        post_save.connect(city_changed, sender=City, dispatch_uid="library-city-saved")
        post_delete.connect(city_changed, sender=City, dispatch_uid="library-city-deleted")
