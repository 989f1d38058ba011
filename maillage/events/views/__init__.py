"""Views of the events module, split by audience: public pages, staff planning, stands."""
