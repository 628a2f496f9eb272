"""The producer portal: server-rendered French pages for the members of a producer (and for staff), under
/espace-producteur/. Every write goes through the producers plugin's services or the core catalogue services."""
