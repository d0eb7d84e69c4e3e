"""Small builders shared by the UI tests."""

from __future__ import annotations

from disastercenter.core.people import Need, PersonInput, ShelterInput
from disastercenter.services.registry import Registry


def add_family(registry: Registry) -> tuple[str, list[str]]:
    """A shelter with the Nguyen family (2 people) and the Wang family (1 person)."""
    shelter = registry.add_shelter(ShelterInput("大野北小学校", "Onokita Elementary School", "相模原市", 300))
    nguyen = registry.register_household(shelter, [
        PersonInput(name_latin="NGUYEN Van An", name_native="Nguyễn Văn An",
                    name_kana="グエン ヴァン アン", sex="male", birth_date="1988-03-02",
                    nationality="VN", languages=[("vi", "native")], phone="090-1111-2222",
                    needs=[Need("diet_no_pork")]),
        PersonInput(name_latin="TRAN Thi Mai", name_native="Trần Thị Mai", name_kana="チャン ティ マイ",
                    sex="female", nationality="VN", languages=[("vi", "native")]),
    ])
    registry.register_household(shelter, [
        PersonInput(name_latin="WANG Xiaoming", name_native="王小明", name_kana="ワン シャオミン",
                    sex="male", nationality="CN", languages=[("zh-Hans", "native")]),
    ])
    return shelter, nguyen.person_ids
