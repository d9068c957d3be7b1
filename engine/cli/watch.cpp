#include "engine/cli/watch.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>
#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/cli/pipeline.hpp"
#include "engine/core/text.hpp"
#include "engine/load/data_file.hpp"

namespace malkoll {

namespace fs = std::filesystem;

std::string check_status(const WatchRun& run) {
    if (run.code == 2) return "fel användning (se ovan)";
    if (run.errors == 0 && run.warnings == 0) return "kontrollerat: inga fel";
    return count_line(run.errors, run.warnings);
}

std::string assess_status(const WatchRun& run, const std::string& output, bool earlier) {
    const std::string untouched = earlier ? "rapporten lämnades orörd" : "ingen rapport skrevs";
    if (run.code == 2) return "fel användning (se ovan); " + untouched;
    if (run.errors) return count_line(run.errors, run.warnings) + "; " + untouched;
    const std::string name = display_line(output);
    if (run.code != 0) return name + " skrevs inte (se ovan)";
    return run.warnings ? fmt::format("{} skriven ({})", name, warning_count(run.warnings)) : name + " skriven";
}

void add_watched_inputs(std::vector<std::string>& files, const Loaded& l, const std::string& rule,
                        const std::vector<std::string>& data) {
    auto add = [&](const std::string& f) {
        if (!f.empty() && std::find(files.begin(), files.end(), f) == files.end()) files.push_back(f);
    };
    add(rule);
    // What was read, and what was looked for but is missing: after a change
    // of `utfall:` (or `nämnder:`) the set is another.
    for (std::size_t i = 0; i < l.sources.size(); ++i) add(l.sources.file(static_cast<std::uint32_t>(i)).name());
    for (const auto& f : l.file.data_files) add(f);
    for (const auto& d : data) add(parse_data_file_ref(d).path);  // FIL.xlsx:Blad: the workbook
    for (const auto& c : l.file.committees) add(c.path);
    for (const auto& c : l.committees)
        for (const auto& f : c->file.data_files) add(f);
}

std::string local_clock() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    ::localtime_r(&now, &local);
    char text[16];
    std::strftime(text, sizeof text, "%H:%M:%S", &local);
    return text;
}

int watch_loop(const WatchOptions& options, const std::vector<std::string>& first_inputs,
               const std::function<WatchRun()>& run_once, EventSource& events, std::ostream& status) {
    const auto clock = options.clock ? options.clock : std::function<std::string()>(local_clock);
    std::string error;
    auto failed = [&] {
        status << "malkoll: fel: " << error << "\n" << std::flush;
        return 1;
    };
    // Watched before the first run, so that a save while it reads is not missed.
    if (!events.watch(first_inputs, error)) return failed();
    for (std::size_t runs = 1;; ++runs) {
        const WatchRun run = run_once();
        if (runs == 1 && run.code == 2) return 2;
        status << clock() << ' ' << run.status << '\n' << std::flush;
        if (options.max_runs && runs >= options.max_runs) return run.code;
        if (!events.watch(run.inputs, error)) return failed();
        switch (events.next(options.quiet, error)) {
            case WatchEvent::Stop: return 0;
            case WatchEvent::Failed: return failed();
            case WatchEvent::Changed: break;
        }
    }
}

int watch_command(const WatchOptions& options, const std::vector<std::string>& first_inputs,
                  const std::function<WatchRun()>& run_once, std::ostream& status) {
    InotifyEventSource events;
    std::string error;
    if (!events.ready(error)) {
        status << "malkoll: fel: " << error << "\n";
        return 1;
    }
    return watch_loop(options, first_inputs, run_once, events, status);
}

namespace {

// Directories are watched, not files: an editor that saves by writing a new
// file and renaming it over the old one leaves a watch on the old file's
// inode behind. IN_CLOSE_WRITE rather than IN_MODIFY: a run after the writer
// is done, not in the middle of its writes.
constexpr std::uint32_t kDirMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB |
                                   IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

std::string inotify_errno_text(int e) {
    switch (e) {
        case ENOSPC: return "systemets gräns för antalet bevakningar är nådd (fs.inotify.max_user_watches)";
        case EMFILE: return "systemets gräns för antalet bevakare är nådd (fs.inotify.max_user_instances)";
        case EACCES:
        case EPERM: return "saknar behörighet att läsa mappen";
        case ENOENT: return "mappen finns inte";
        case ENOTDIR: return "det är inte en mapp";
        case ENOMEM: return "minnet räcker inte";
        default: return system_error_text(e);
    }
}

}  // namespace

struct InotifyEventSource::State {
    int inotify = -1;
    // SIGINT and SIGTERM are blocked on this thread and read from a signalfd:
    // a signal then needs no handler and no global flag for it to set; the
    // only state outside this object is the thread's signal mask, restored
    // when it ends.
    int signals = -1;
    int wake = -1;  // an eventfd: stop() from another thread
    sigset_t old_mask{};
    bool mask_set = false;
    std::string error;
    // A watched directory and the names in it that matter.
    struct Dir {
        std::string path;
        std::set<std::string> names;
    };
    std::map<int, Dir> dirs;  // by watch descriptor
    // When the current run began (the file system's clock), and whether a
    // file in a folder first watched after it was read changed since.
    timespec run_start{};
    bool pending = false;
    bool watched = false;  // the first watch() is before the first run
    void mark_run_start() { ::clock_gettime(CLOCK_REALTIME_COARSE, &run_start); }
};

InotifyEventSource::InotifyEventSource() : s_(std::make_unique<State>()) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    if (::pthread_sigmask(SIG_BLOCK, &set, &s_->old_mask) == 0) s_->mask_set = true;
    s_->signals = ::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    s_->inotify = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    s_->wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (s_->inotify < 0) s_->error = "kan inte bevaka filerna: " + inotify_errno_text(errno);
    else if (!s_->mask_set || s_->signals < 0 || s_->wake < 0)
        s_->error = fmt::format("kan inte ta emot Ctrl-C under bevakningen: {}", inotify_errno_text(errno));
}

InotifyEventSource::~InotifyEventSource() {
    for (int fd : {s_->inotify, s_->signals, s_->wake})
        if (fd >= 0) ::close(fd);
    if (s_->mask_set) ::pthread_sigmask(SIG_SETMASK, &s_->old_mask, nullptr);
}

bool InotifyEventSource::ready(std::string& error) const {
    error = s_->error;
    return error.empty();
}

void InotifyEventSource::stop() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(s_->wake, &one, sizeof one);
}

bool InotifyEventSource::watch(const std::vector<std::string>& files, std::string& error) {
    // Each file as a name in the deepest directory on its path that exists:
    // a missing file is seen when it is created, a missing folder when it is.
    std::map<std::string, std::set<std::string>> wanted;
    auto add = [&](fs::path p) {
        std::error_code ec;
        fs::path dir = p.parent_path(), name = p.filename();
        while (!fs::is_directory(dir, ec) && dir.has_relative_path()) {
            name = dir.filename();
            dir = dir.parent_path();
        }
        if (!name.empty()) wanted[dir.string()].insert(name.string());
    };
    for (const auto& f : files) {
        std::error_code ec;
        const fs::path p = fs::absolute(f, ec).lexically_normal();
        if (ec) continue;
        add(p);
        // Through a symbolic link, the file it points to changes, not the link.
        const fs::path real = fs::weakly_canonical(p, ec);
        if (!ec && real != p) add(real);
    }
    std::map<int, State::Dir> dirs;
    for (auto& [path, names] : wanted) {
        const int wd = ::inotify_add_watch(s_->inotify, path.c_str(), kDirMask);
        if (wd < 0) {
            error = fmt::format("kan inte bevaka {}: {}", path, inotify_errno_text(errno));
            return false;
        }
        State::Dir& d = dirs[wd];  // two paths may be one directory
        d.path = path;
        d.names.insert(names.begin(), names.end());
    }
    // A folder watched only now (a new `utfall:` file elsewhere, a folder
    // just created) had no watch while the run read it: the folder or a file
    // in it that changed after the run began (by its change time, on the file
    // system's own coarse clock) is a change. At worst one run too many.
    auto changed_since_run_start = [&](const std::string& path) {
        struct stat st;
        auto after = [&](const timespec& t) {
            return t.tv_sec > s_->run_start.tv_sec || (t.tv_sec == s_->run_start.tv_sec && t.tv_nsec >= s_->run_start.tv_nsec);
        };
        return (::lstat(path.c_str(), &st) == 0 && after(st.st_ctim)) || (::stat(path.c_str(), &st) == 0 && after(st.st_ctim));
    };
    for (const auto& [wd, dir] : dirs)
        if (s_->watched && !s_->dirs.count(wd)) {
            s_->pending = s_->pending || changed_since_run_start(dir.path);
            for (const auto& name : dir.names) s_->pending = s_->pending || changed_since_run_start(dir.path + "/" + name);
        }
    for (const auto& [wd, dir] : s_->dirs)
        if (!dirs.count(wd)) ::inotify_rm_watch(s_->inotify, wd);
    s_->dirs = std::move(dirs);
    if (!s_->watched) s_->mark_run_start();
    s_->watched = true;
    return true;
}

WatchEvent InotifyEventSource::next(std::chrono::milliseconds quiet, std::string& error) {
    using Clock = std::chrono::steady_clock;
    Clock::time_point first = Clock::now(), last = first;
    bool changed = s_->pending;
    s_->pending = false;
    alignas(inotify_event) char buffer[64 * 1024];
    for (;;) {
        int timeout = -1;
        if (changed) {
            const auto due = std::min(last + quiet, first + kMaxDelay);
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(due - Clock::now()).count();
            timeout = static_cast<int>(std::max<decltype(left)>(0, left));
        }
        pollfd fds[3] = {{s_->signals, POLLIN, 0}, {s_->wake, POLLIN, 0}, {s_->inotify, POLLIN, 0}};
        const int n = ::poll(fds, 3, timeout);
        if (n < 0) {
            if (errno == EINTR) continue;
            error = fmt::format("bevakningen kan inte vänta på ändringar: {}", inotify_errno_text(errno));
            return WatchEvent::Failed;
        }
        if (fds[0].revents & POLLIN) {
            signalfd_siginfo info;
            [[maybe_unused]] const auto r = ::read(s_->signals, &info, sizeof info);
            return WatchEvent::Stop;
        }
        if (fds[1].revents & POLLIN) {
            std::uint64_t count;
            [[maybe_unused]] const auto r = ::read(s_->wake, &count, sizeof count);
            return WatchEvent::Stop;
        }
        if (n == 0) {  // quiet after a change
            s_->mark_run_start();
            return WatchEvent::Changed;
        }
        for (;;) {
            const ssize_t got = ::read(s_->inotify, buffer, sizeof buffer);
            if (got < 0) {
                if (errno == EINTR) continue;
                if (errno == EAGAIN) break;
                error = fmt::format("bevakningen kan inte läsa ändringarna: {}", inotify_errno_text(errno));
                return WatchEvent::Failed;
            }
            for (ssize_t at = 0; at < got;) {
                const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
                at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
                bool relevant = e->mask & IN_Q_OVERFLOW;  // events were lost: run to be sure
                if (auto d = s_->dirs.find(e->wd); d != s_->dirs.end()) {
                    // The directory itself removed or moved: its files are elsewhere now.
                    if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) relevant = true;
                    else if (e->len && d->second.names.count(e->name)) relevant = true;
                }
                if (!relevant) continue;
                const auto now = Clock::now();
                if (!changed) first = now;
                last = now;
                changed = true;
            }
        }
    }
}

}  // namespace malkoll
