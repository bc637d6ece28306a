"""Steps that run cleaner inside other tools' pipelines, each behind its own extra
(``pip install 'cleaner[datatrove]'`` for ``cleaner.integrations.datatrove``)."""
