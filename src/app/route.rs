//! Where each command goes: to the view that has the keys (the help, the timeline, the
//! names), else to the part it concerns; and what a view's answer changes in the others.

use super::*;

impl App {
    pub(super) fn command(&mut self, command: Command) -> Outcome {
        if let Some(view) = &mut self.timeline
            && !self.help.is_open()
            && !matches!(
                command,
                Command::Quit | Command::Suspend | Command::Redraw | Command::Help
            )
        {
            return match view.update(command) {
                TimelineAnswer::Open { changed } => Outcome::redraw_if(changed),
                TimelineAnswer::Closed => {
                    self.timeline = None;
                    Outcome::redraw()
                }
                TimelineAnswer::Chosen(period) => {
                    self.timeline = None;
                    self.add_to_filter(&format!("date:{period}"))
                }
            };
        }
        if self.names.is_some() {
            if let Some(outcome) = self.names_command(command) {
                return outcome;
            }
        } else if self.help.is_open() && !matches!(command, Command::Quit | Command::Suspend) {
            let rows = self.bindings.help_rows().len();
            let shown = rows.min(usize::from(self.area.height.saturating_sub(2)));
            return Outcome::redraw_if(self.help.update(command, rows, shown));
        }
        if self.prompt.is_some() {
            let mut line = self.line().to_string();
            if input::apply(command, &mut line) {
                return self.set_line(line);
            }
        }
        match command {
            Command::Down => self.move_by(command, 1),
            Command::Up => self.move_by(command, -1),
            Command::PageDown => self.move_by(command, self.page_rows()),
            Command::PageUp => self.move_by(command, -self.page_rows()),
            Command::HalfPageDown => self.move_by(command, (self.page_rows() / 2).max(1)),
            Command::HalfPageUp => self.move_by(command, -(self.page_rows() / 2).max(1)),
            Command::Top => self.move_by(command, isize::MIN / 2),
            Command::Bottom => self.move_by(command, isize::MAX / 2),
            Command::ReaderPageDown | Command::ReaderPageUp if self.layout().reader.is_some() => {
                Outcome::redraw_if(self.reader.update(command))
            }
            Command::ReaderPageDown => self.move_list(self.list_capacity() as isize),
            Command::ReaderPageUp => self.move_list(-(self.list_capacity() as isize)),
            Command::NextHit | Command::PrevHit => Outcome::redraw_if(self.reader.update(command)),
            Command::Open => self.open(),
            Command::Back => self.back(),
            Command::SwitchPane => {
                self.focus = match self.focus {
                    Focus::List if self.filter.selected_id().is_some() => Focus::Reader,
                    _ => Focus::List,
                };
                Outcome::redraw()
            }
            Command::Filter => {
                self.prompt = Some(match self.focus {
                    Focus::Reader => Prompt::Find,
                    Focus::List => {
                        // The filter of the list left for the related articles.
                        if self.close_related() {
                            self.focus = Focus::List;
                        }
                        self.filter.open();
                        Prompt::Filter
                    }
                });
                Outcome::redraw()
            }
            // The line closes on screen even when its filtering was already drawn.
            Command::Accept => {
                self.prompt = None;
                self.reader_held = false;
                Outcome::redraw().and(self.filter.refilter_typed(&self.library, &Interrupt::never()))
            }
            Command::Cancel => {
                let cleared = match self.prompt.take() {
                    Some(Prompt::Find) => {
                        self.reader.set_find(String::new(), None);
                        Outcome::default()
                    }
                    Some(Prompt::Filter) | None => {
                        self.reader_held = false;
                        self.filter.clear(&self.library)
                    }
                };
                Outcome::redraw().and(cleared)
            }
            Command::ToggleScope => self.filter.toggle_scope(&self.library),
            Command::ToggleRead => self.set_selected_mark(|marks| Mark::Read(!marks.read)),
            Command::ToggleStar => self.set_selected_mark(|marks| Mark::Starred(!marks.starred)),
            // The switches and the order are the filter's: its list comes back first.
            Command::UnreadOnly | Command::StarredOnly | Command::CycleOrder if self.related.is_some() => {
                self.close_related();
                Outcome::redraw().and(self.command(command))
            }
            Command::UnreadOnly => self.filter.toggle_unread_only(&self.library),
            Command::StarredOnly => self.filter.toggle_starred_only(&self.library),
            Command::CycleOrder => {
                let (order, outcome) = self.filter.cycle_order(&mut self.library);
                self.notice = Some(format!("order: {}", order.label()));
                outcome
            }
            Command::Names => self.open_names(),
            Command::Related => self.open_related(),
            Command::Timeline => {
                let dates = self
                    .filter
                    .visible()
                    .iter()
                    .map(|&id| self.library.article(id).date);
                self.timeline = Some(TimelineView::new(Timeline::of(dates)));
                Outcome::redraw()
            }
            Command::Pager => {
                let columns = usize::from(self.area.width).clamp(20, 100);
                let settings = self.reading;
                let full_width = self.full_width;
                self.effect_on_selected(|article| {
                    let typesetting = settings.typesetting(columns, full_width, article.language);
                    Effect::Page(reading::page_text(article, &typesetting))
                })
            }
            Command::Measure => {
                self.full_width = !self.full_width;
                self.notice = Some(if self.full_width {
                    "text over the full width of the pane".to_owned()
                } else {
                    format!("text at most {} columns wide", self.reading.measure)
                });
                Outcome::redraw().with([Effect::Session(self.session())])
            }
            // The file, not the address of one of its articles (`feed.xml#3`).
            Command::Editor => {
                self.effect_on_selected(|article| Effect::Edit(article.file_path().to_path_buf()))
            }
            // What was sent is told once it was: the event loop sets the notice.
            Command::CopyText => {
                self.effect_on_selected(|article| Effect::Copy(reading::plain_text(article)))
            }
            Command::CopyPath => self.effect_on_selected(|article| Effect::Copy(article.url_or_address())),
            Command::Suspend => Outcome::default().with([Effect::Suspend]),
            Command::Help => {
                self.help.toggle();
                Outcome::redraw()
            }
            Command::Compact => {
                self.compact = Some(!self.is_compact());
                Outcome::redraw()
            }
            Command::NarrowList => self.resize_list(-i16::from(LIST_PERCENT_STEP)),
            Command::WidenList => self.resize_list(i16::from(LIST_PERCENT_STEP)),
            Command::Redraw => Outcome::redraw().with([Effect::Repaint]),
            Command::Quit => self.quit(),
            Command::DeleteChar | Command::DeleteWord | Command::ClearLine | Command::CloseHelp => {
                Outcome::default()
            }
        }
    }

    /// The names view takes the keys while it is open; the others pass through.
    pub(super) fn names_command(&mut self, command: Command) -> Option<Outcome> {
        let view = self.names.as_mut()?;
        let answer = match command {
            Command::Quit | Command::Suspend | Command::Redraw => return None,
            _ => view.update(command),
        };
        Some(self.names_answer(answer))
    }

    pub(super) fn names_answer(&mut self, answer: NamesAnswer) -> Outcome {
        match answer {
            NamesAnswer::Open { changed, cut } => {
                if cut {
                    self.notice = Some(input::cut_notice());
                }
                Outcome::redraw_if(changed || cut)
            }
            NamesAnswer::Closed => {
                self.names = None;
                Outcome::redraw()
            }
            NamesAnswer::Chosen(name) => {
                // Into the filter line, to be edited or combined there.
                self.names = None;
                self.close_related();
                if self.prompt.is_none() {
                    self.filter.open();
                }
                self.prompt = Some(Prompt::Filter);
                self.add_to_filter(&format!("name:\"{}\"", name.replace('"', "")))
            }
        }
    }

    /// Adds a field term chosen in a view to the filter, after what is typed there, and
    /// shows the list it makes.
    pub(super) fn add_to_filter(&mut self, term: &str) -> Outcome {
        self.close_related();
        self.focus = Focus::List;
        let mut line = self.filter.input().trim_end().to_string();
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(term);
        input::cut_to_limit(&mut line);
        self.filter.set_input(line, &self.library)
    }

    /// `@`: every name in the archive, or the open article's when reading.
    pub(super) fn open_names(&mut self) -> Outcome {
        let everything = || self.library.articles();
        let view = match (self.focus, self.filter.selected_id()) {
            (Focus::Reader, Some(id)) => NamesView::new([self.library.article(id)], everything()),
            _ => NamesView::new(everything(), everything()),
        };
        self.names = Some(view);
        Outcome::redraw()
    }
}
