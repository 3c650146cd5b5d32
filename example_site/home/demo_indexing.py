"""Wagtail's search index and reference index, updated once per object while the demo loads.

Loading the demo saves most pages three times (created, revision saved, published), and Wagtail
queues an update of both indexes after every save of an indexed model: 254 updates, run at the
commit, for 45 objects in each index (90 updates give the same indexes); they took 40 % of
``load_demo``'s time. Inside ``indexed_once()`` each save is noted instead, and every object noted
is queued once, through Wagtail's own tasks, when the demo has loaded (still inside the command's
transaction: they run at its commit, as before). Deletions are left to Wagtail's handlers.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save
from wagtail.models import ReferenceIndex
from wagtail.search import index
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.search.tasks import insert_or_update_object_task
from wagtail.signal_handlers import update_reference_index_on_save
from wagtail.tasks import update_reference_index_task


@contextmanager
def indexed_once():
    """Queue each object's index updates once, after the block, instead of after every save."""
    handlers = [
        # (Wagtail's handler, the models it listens to, the task it queues)
        (
            post_save_signal_handler,
            [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)],
            insert_or_update_object_task,
        ),
        (update_reference_index_on_save, list(ReferenceIndex.tracked_models), update_reference_index_task),
    ]
    noted = {}  # (task, app label, model name, pk): None, in the order of the first save

    def note(sender, instance, raw=False, **kwargs):
        if raw:  # as Wagtail's handlers: fixtures are not indexed on save
            return
        for _handler, models, task in handlers:
            if sender in models:
                noted[(task, instance._meta.app_label, instance._meta.model_name, str(instance.pk))] = None

    for handler, models, _task in handlers:
        for model in models:
            post_save.disconnect(handler, sender=model)
    post_save.connect(note, weak=False)
    try:
        yield
    finally:
        post_save.disconnect(note)
        for handler, models, _task in handlers:
            for model in models:
                post_save.connect(handler, sender=model)
    for task, *args in noted:
        task.enqueue(*args)
