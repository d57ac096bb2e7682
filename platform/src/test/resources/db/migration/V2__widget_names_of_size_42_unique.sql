-- Test fixture: a uniqueness the resource does not check itself, as when two requests create the same thing at once.
create unique index widget_name_of_size_42 on widget (name) where size = 42;
